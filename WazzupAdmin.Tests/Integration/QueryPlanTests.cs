using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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

    private readonly SentCommands sent = new();

    private AppDbContext CreateContext() => new(new DbContextOptionsBuilder<AppDbContext>()
        .UseSqlite(new SqliteConnectionStringBuilder { DataSource = filePath, Pooling = false }.ToString()).AddInterceptors(sent).Options);

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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_clients_chat_is_found_through_the_three_unique_indexes_without_reading_every_chat_of_its_type(bool compiled)
    {
        await using var db = CreateContext();
        ChatKey[] keys = [new("telegram", "client_one", "client_one", "79001234567"), new("telegram", "client_two"), new("whatsapp", "79007654321")];

        _ = compiled ? await db.MatchingAsync(keys, CancellationToken.None) : await db.ContactChats.MatchingAsync(keys, CancellationToken.None);

        // What EF Core really sent, once per chat type, with the values it bound.
        var lookups = sent.Texts.Where(t => t.Sql.Contains("FROM \"ContactChats\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lookups.Count);
        foreach (var (sql, parameters) in lookups)
        {
            var plan = await PlanAsync(db, sql, parameters);
            Assert.Contains("IX_ContactChats_ChatType_ChatId (ChatType=? AND ChatId=?)", plan);
            Assert.Contains("IX_ContactChats_ChatType_Username (ChatType=? AND Username=?)", plan);
            // A lookup with no values to look for is WHERE 0, which SQLite answers without reading a row, though its plan says SCAN.
            Assert.Equal(
                System.Text.RegularExpressions.Regex.Count(sql, @"WHERE 0\b"),
                plan.Split('\n').Count(line => line.StartsWith("SCAN", StringComparison.Ordinal)));
            Assert.DoesNotContain("(ChatType=?)\n", plan + "\n");
        }
    }

    /// <summary>SQLite's plan for a command EF Core sent, with the values it bound.</summary>
    private static async Task<string> PlanAsync(AppDbContext db, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, value ?? DBNull.Value));
        }

        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(3));
        }

        return string.Join('\n', rows);
    }

    /// <summary>Every command the test's contexts execute, with its parameters' values.</summary>
    private sealed class SentCommands : DbCommandInterceptor
    {
        public List<(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)> Texts { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Texts.Add((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
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
