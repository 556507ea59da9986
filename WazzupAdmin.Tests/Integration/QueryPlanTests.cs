using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;

namespace WazzupAdmin.Tests.Integration;

/// <summary>
/// The queries that run for every batch of new clients and every drain of the queue seek through an index on a
/// migrated store, where SQLite has no statistics: a plan that reads every conversation of a channel costs nothing on a
/// test's few rows and a tenth of a second a batch at 200,000 conversations.
/// </summary>
public sealed class QueryPlanTests : IAsyncLifetime
{
    private static readonly Guid ChannelId = Guid.Parse("9A1D6C0E-0000-4000-8000-000000000001");
    private readonly string filePath = Path.Combine(Path.GetTempPath(), $"wazzup-plan-{Guid.NewGuid():N}.db");

    private AppDbContext CreateContext() => new(new DbContextOptionsBuilder<AppDbContext>()
        .UseSqlite(new SqliteConnectionStringBuilder { DataSource = filePath, Pooling = false }.ToString()).Options);

    public async Task InitializeAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        File.Delete(filePath);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Whether_a_channel_has_clients_waiting_seeks_to_its_queued_clients()
    {
        await using var db = CreateContext();

        var plan = await PlanAsync(db, db.Conversations.Where(c => c.QueuedAtUtc != null && c.ChannelId == ChannelId).Select(c => c.Id).Take(1).ToQueryString());

        Assert.Contains("IX_Conversations_ChannelId_QueuedAtUtc (ChannelId=? AND QueuedAtUtc>?)", plan);
    }

    [Fact]
    public async Task A_channels_queue_is_read_oldest_first_from_the_index_without_sorting()
    {
        await using var db = CreateContext();

        var plan = await PlanAsync(db, db.Conversations.Where(c => c.ChannelId == ChannelId && c.QueuedAtUtc != null)
            .OrderBy(c => c.QueuedAtUtc).ThenBy(c => c.Id).Select(c => new { c.Id, c.QueuedAtUtc }).Take(100).ToQueryString());

        Assert.Contains("IX_Conversations_ChannelId_QueuedAtUtc (ChannelId=? AND QueuedAtUtc>?)", plan);
        Assert.DoesNotContain("TEMP B-TREE", plan);
    }

    [Fact]
    public async Task The_channels_with_clients_waiting_are_found_channel_by_channel_through_the_index()
    {
        await using var db = CreateContext();

        var plan = await PlanAsync(db, db.Channels.Where(channel => db.Conversations.Any(c => c.ChannelId == channel.Id && c.QueuedAtUtc != null))
            .Select(channel => channel.Id).ToQueryString());

        Assert.Contains("IX_Conversations_ChannelId_QueuedAtUtc (ChannelId=? AND QueuedAtUtc>?)", plan);
        Assert.DoesNotContain(plan.Split('\n'), line => line.StartsWith("SCAN", StringComparison.Ordinal) && line.Contains("Conversations", StringComparison.Ordinal));
    }

    /// <summary>SQLite's plan for the query EF Core would send, its parameter declarations left out.</summary>
    private static async Task<string> PlanAsync(AppDbContext db, string sql)
    {
        var statement = string.Join('\n', sql.Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + statement;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(statement, "@[A-Za-z_0-9]+").Select(m => m.Value).Distinct())
        {
            command.Parameters.Add(new SqliteParameter(name, ChannelId.ToString().ToUpperInvariant()));
        }

        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(3));
        }

        return string.Join('\n', rows);
    }
}
