using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;

namespace WazzupAdmin.Tests.Integration;

/// <summary>A store from before contacts and deals said where they came from, migrated: its rows get the right origin.</summary>
public sealed class RecordOriginMigrationTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"wazzup-migration-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Existing_contacts_and_deals_are_told_apart_by_where_they_came_from_and_keep_their_stage_names()
    {
        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("MessageIdsStatusesAndTemplates");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Funnels" ("Id", "Name", "Position") VALUES ('f-sales', 'Sales', 0);
            INSERT INTO "Stages" ("FunnelId", "Id", "Name", "Position") VALUES ('f-sales', 's-new', 'New lead', 0);
            INSERT INTO "Channels" ("Id", "Transport", "PlainId", "Name", "State", "CreatedAtUtc", "Algorithm", "Version")
                VALUES ('9A1D6C0E-0000-4000-8000-000000000001', 'WhatsApp', '+34612345678', 'Sales WhatsApp', 'Active', '2026-11-30 10:00:00', 'FirstResponder', 1);
            INSERT INTO "Contacts" ("Id", "Name") VALUES ('c-1001', 'Lucía Fernández'), ('c-0123456789abcdef0123456789abcdef', 'Olaf Berg'), ('crm-7', 'From the API');
            INSERT INTO "Deals" ("Id", "Name", "Closed", "FunnelId", "StageId", "Uri") VALUES
                ('d-2001', 'Lucía: interior doors', 0, NULL, NULL, '/demo-crm/deals/d-2001'),
                ('d-0123456789abcdef0123456789abcdef', 'Olaf Berg: Sales WhatsApp', 0, 'f-sales', 's-new', '/demo-crm/deals/d-0123456789abcdef0123456789abcdef'),
                ('d-fedcba9876543210fedcba9876543210', 'Lucía: made on the page', 0, NULL, NULL, '/demo-crm/deals/d-fedcba9876543210fedcba9876543210'),
                ('crm-deal-9', 'From the API', 0, NULL, NULL, 'https://crm.example.com/deals/9');
            INSERT INTO "Conversations" ("ChannelId", "ContactId", "NewClientDealId", "CreatedAtUtc", "LastActivityAtUtc", "LastMessagePreview", "Unanswered")
                VALUES ('9A1D6C0E-0000-4000-8000-000000000001', 'c-0123456789abcdef0123456789abcdef', 'd-0123456789abcdef0123456789abcdef',
                        '2026-11-30 10:00:00', '2026-11-30 10:00:00', 'Hello', 1);
            """);

        await migrator.MigrateAsync();

        var contacts = await db.Contacts.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Origin);
        Assert.Equal(RecordOrigin.DemoSeed, contacts["c-1001"]);
        Assert.Equal(RecordOrigin.NewClient, contacts["c-0123456789abcdef0123456789abcdef"]);
        Assert.Equal(RecordOrigin.Crm, contacts["crm-7"]);
        var deals = await db.Deals.AsNoTracking().ToDictionaryAsync(d => d.Id);
        Assert.Equal(RecordOrigin.DemoSeed, deals["d-2001"].Origin);
        Assert.Equal(RecordOrigin.NewClient, deals["d-0123456789abcdef0123456789abcdef"].Origin);
        Assert.Equal(("Sales", "New lead"), (deals["d-0123456789abcdef0123456789abcdef"].FunnelName, deals["d-0123456789abcdef0123456789abcdef"].StageName));
        Assert.Equal(RecordOrigin.DemoNewDealPage, deals["d-fedcba9876543210fedcba9876543210"].Origin);
        Assert.Equal(RecordOrigin.Crm, deals["crm-deal-9"].Origin);
        Assert.Null(deals["crm-deal-9"].OriginSource);
    }

    public void Dispose() => File.Delete(file);
}
