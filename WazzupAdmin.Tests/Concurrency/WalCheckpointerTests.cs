using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using WazzupAdmin.Data;

namespace WazzupAdmin.Tests.Concurrency;

/// <summary>The write-ahead log is copied back into the database file in the background, not by a writer's commit.</summary>
public sealed class WalCheckpointerTests : IDisposable
{
    private readonly string filePath = Path.Combine(Path.GetTempPath(), $"wazzup-wal-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Committed_pages_reach_the_database_file_without_any_writer_checkpointing()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = filePath, Pooling = false }.ToString();
        // The writer stays open (closing the last connection would checkpoint) and never checkpoints itself.
        await using var writer = new SqliteConnection(connectionString);
        await writer.OpenAsync();
        await Execute(writer, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE Notes (Body BLOB);");
        await Execute(writer, "INSERT INTO Notes SELECT randomblob(1000000) FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3);");
        Assert.True(new FileInfo(filePath).Length < 1_000_000, "Before the checkpoint the rows are only in the log.");

        using var checkpointer = new WalCheckpointer(connectionString, NullLogger<WalCheckpointer>.Instance);
        await checkpointer.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (new FileInfo(filePath).Length < 3_000_000 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await checkpointer.StopAsync(CancellationToken.None);
        Assert.True(new FileInfo(filePath).Length >= 3_000_000, $"The database file is {new FileInfo(filePath).Length} bytes.");
        await using var reader = new SqliteConnection(connectionString);
        await reader.OpenAsync();
        await using var count = reader.CreateCommand();
        count.CommandText = "SELECT count(*) FROM Notes";
        Assert.Equal(3L, await count.ExecuteScalarAsync());
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        foreach (var path in new[] { filePath, filePath + "-wal", filePath + "-shm" })
        {
            File.Delete(path);
        }
    }
}
