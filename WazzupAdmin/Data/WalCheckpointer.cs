using Microsoft.Data.Sqlite;

namespace WazzupAdmin.Data;

/// <summary>
/// Copies the write-ahead log back into the database file in the background, every <see cref="Interval"/>, so that the
/// writers do not. By default SQLite checkpoints inside the commit that takes the log past 1,000 pages: with a new client
/// writing about twenty pages, one commit in fifty paid for copying and syncing the pages of the other forty-nine, which
/// made commits of new clients cost over a millisecond on average and put spikes into their latency. A PASSIVE
/// checkpoint takes no write lock, so writers go on while it runs. <see cref="SqliteConnectionSettings"/> raises the
/// commit-time threshold to <see cref="SqliteConnectionSettings.AutoCheckpointPages"/>, which is reached only if this
/// service falls behind or is not running (tools and tests that use the store without the app's host).
/// <para>
/// The interval is short so that each checkpoint has little to copy and sync: at 32 concurrent new clients, the writer's
/// log writes stall while a checkpoint's sync runs, and the longer the log grew since the last one, the longer that
/// sync and the stall (p99 at 32 producers on disk: 57–95 ms every 500 ms, 43–56 ms every 100 ms, 31–37 ms every
/// 25 ms; see BENCHMARKS.md). When nothing was written a checkpoint finds nothing to copy and costs a statement.
/// </para>
/// </summary>
public sealed class WalCheckpointer(string connectionString, ILogger<WalCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                await command.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (SqliteException exception)
            {
                // A missed checkpoint only leaves more to copy the next time.
                logger.LogWarning(exception, "The background checkpoint of the store failed; it is tried again in {Interval}.", Interval);
            }
        }
    }
}
