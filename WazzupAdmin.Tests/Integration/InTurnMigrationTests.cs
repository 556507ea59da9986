using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WazzupAdmin.Data;
using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Tests.Integration;

/// <summary>A store from before the in-turn algorithm was stored by its name keeps its channels in turn once migrated.</summary>
public sealed class InTurnMigrationTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"wazzup-migration-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_channel_stored_as_round_robin_is_in_turn_after_the_migration_and_first_responder_stays()
    {
        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("ReturningClients");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Channels" ("Id", "Transport", "PlainId", "Name", "State", "CreatedAtUtc", "Algorithm", "Version")
                VALUES ('9A1D6C0E-0000-4000-8000-000000000001', 'WhatsApp', '+34612345678', 'Sales WhatsApp', 'Active', '2026-11-30 10:00:00', 'FirstResponder', 1),
                       ('9A1D6C0E-0000-4000-8000-000000000002', 'Telegram', 'wazzup_sales', 'Sales Telegram', 'Active', '2026-11-30 10:00:00', 'RoundRobin', 1);
            """);

        await migrator.MigrateAsync();

        var algorithms = await db.Channels.AsNoTracking().OrderBy(c => c.Name).Select(c => c.Algorithm).ToListAsync();
        Assert.Equal([DistributionAlgorithm.InTurn, DistributionAlgorithm.FirstResponder], algorithms);
    }

    public void Dispose() => File.Delete(file);
}
