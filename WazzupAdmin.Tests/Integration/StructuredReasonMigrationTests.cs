using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WazzupAdmin.Data;
using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Tests.Integration;

/// <summary>Assignment reasons stored as English sentences, migrated: each known shape is read back into its facts.</summary>
public sealed class StructuredReasonMigrationTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"wazzup-migration-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Every_sentence_the_console_used_to_write_becomes_its_facts_and_anything_else_stays_text()
    {
        string[] legacy =
        [
            "Nobody was eligible: no sales rep with “receives new clients” on.",
            "In turn: first turn; eligible: Boris Ivanov, Carmen López.",
            "In turn: turn after Farid Khan; eligible: Boris Ivanov, Carmen López, Dmitri Sokolov.",
            "First responder: offered to Boris Ivanov, Hugo \"H\" Martín.",
            "First responder: Dmitri Sokolov replied first; it was offered to Boris Ivanov, Carmen López.",
            "First responder: Dmitri Sokolov replied first; it was offered to .",
            "Assigned by Anna Petrova.",
            "Assigned by admin@wazzup.demo; previously Boris Ivanov.",
            "Responsible set by the CRM (Shop CRM).",
            "Moved by hand in 2025.",
        ];
        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("ChatTypesNotTransports");
        for (var i = 0; i < legacy.Length; i++)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Assignments" ("Id", "ConversationId", "ChannelId", "UserId", "AtUtc", "Reason")
                VALUES ({i + 1}, 1, '9A1D6C0E-0000-4000-8000-000000000001', NULL, '2026-11-30 10:00:00', {legacy[i]})
                """);
        }

        await migrator.MigrateAsync();

        var reasons = (await db.Assignments.AsNoTracking().OrderBy(a => a.Id).ToListAsync()).Select(a => a.Why).ToList();
        Assert.Equal(
            [
                (AssignmentReasonKind.NobodyEligible, null, null, ""),
                (AssignmentReasonKind.InTurn, null, null, "Boris Ivanov|Carmen López"),
                (AssignmentReasonKind.InTurn, "Farid Khan", null, "Boris Ivanov|Carmen López|Dmitri Sokolov"),
                (AssignmentReasonKind.FirstResponderOffered, null, null, "Boris Ivanov|Hugo \"H\" Martín"),
                (AssignmentReasonKind.FirstResponderClaimed, "Dmitri Sokolov", null, "Boris Ivanov|Carmen López"),
                (AssignmentReasonKind.FirstResponderClaimed, "Dmitri Sokolov", null, ""),
                (AssignmentReasonKind.AssignedBy, "Anna Petrova", null, ""),
                (AssignmentReasonKind.AssignedBy, "admin@wazzup.demo", "Boris Ivanov", ""),
                (AssignmentReasonKind.SetByCrm, "Shop CRM", null, ""),
                (AssignmentReasonKind.Text, null, null, ""),
            ],
            reasons.Select(r => (r.Kind, r.Actor, r.Previous, string.Join("|", r.Names))));
        // Read back, each says what it said before, apart from the old sentence with nobody else offered.
        Assert.Equal(legacy.Where((_, i) => i != 5), reasons.Where((_, i) => i != 5).Select(r => r.Kind == AssignmentReasonKind.Text ? r.Text : r.English));
        Assert.Equal("Moved by hand in 2025.", reasons[^1].Text);
    }

    public void Dispose() => File.Delete(file);
}
