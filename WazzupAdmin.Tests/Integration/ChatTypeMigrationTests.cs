using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using WazzupAdmin.Data;

namespace WazzupAdmin.Tests.Integration;

/// <summary>A store written when chats were named by their channel's transport migrates to the chat types.</summary>
public sealed class ChatTypeMigrationTests : IDisposable
{
    private const string BeforeChatTypes = "20261201195732_RecordOriginsAndDealStageNames";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "wazzupadmin-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Stored_tgapi_and_wapi_chats_become_telegram_and_whatsapp_chats()
    {
        Directory.CreateDirectory(folder);
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder, "old.db")};Pooling=False").Options;
        await using (var db = new AppDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeChatTypes);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Contacts" ("Id", "Name") VALUES ('c-olga', 'Olga'), ('c-waba', 'Waba client'), ('c-bot', 'Bot client'), ('c-twice', 'Twice');
                INSERT INTO "ContactChats" ("ContactId", "ChatType", "ChatId") VALUES
                    ('c-olga', 'tgapi', 'olga_smirnova'), ('c-waba', 'wapi', '34600999888'),
                    ('c-bot', 'telegram', 'same_user'), ('c-twice', 'tgapi', 'same_user'), ('c-twice', 'whatsapp', '34600111000');
                INSERT INTO "OutboxEvents" ("EventId", "Kind", "OrderingKey", "Payload", "Status", "Attempts", "CreatedAtUtc", "NextAttemptAtUtc")
                VALUES ('e-1', 'messages', 'c-olga', '{{"messages":[{{"chatType":"tgapi","chatId":"olga_smirnova"}}]}}', 'Pending', 0, '2026-11-30 10:00:00', '2026-11-30 10:00:00');
                """);
        }

        await using (var db = new AppDbContext(options))
        {
            await db.Database.MigrateAsync();

            var chats = await db.ContactChats.OrderBy(c => c.ContactId).ThenBy(c => c.ChatType)
                .Select(c => c.ContactId + " " + c.ChatType + " " + c.ChatId).ToListAsync();
            Assert.Equal(
                ["c-bot telegram same_user", "c-olga telegram olga_smirnova", "c-twice whatsapp 34600111000", "c-waba whatsapp 34600999888"],
                chats);
            var payload = await db.OutboxEvents.Select(e => e.Payload).SingleAsync();
            Assert.Contains("\"chatType\":\"telegram\"", payload, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
