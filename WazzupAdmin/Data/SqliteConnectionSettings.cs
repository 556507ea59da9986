using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WazzupAdmin.Data;

/// <summary>
/// <c>PRAGMA synchronous=NORMAL</c> on every connection the store opens (it is a property of the connection, not of
/// the file). With the file in write-ahead logging, NORMAL does not wait for the disk at each commit, only at
/// checkpoints: the file is never corrupted, and a committed transaction survives any crash of the app; only a power
/// loss or an operating-system crash may undo the last commits. That is SQLite's recommended setting for WAL. With the
/// default FULL every commit waits for an fsync, which on this project's benchmark machine allowed 270–1,900 one-row
/// transactions per second, below the 2,000 new clients per second the console must take.
/// <para>
/// It also raises the log size at which a commit checkpoints to <see cref="AutoCheckpointPages"/> pages: checkpoints are
/// the <see cref="WalCheckpointer"/>'s work, and this threshold is only the safety net.
/// </para>
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public const int AutoCheckpointPages = 20_000;

    private static readonly string Pragmas = $"PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint={AutoCheckpointPages};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    /// <summary>Sets the pragmas on a connection opened outside EF Core (whose interceptors see only its own opens).</summary>
    public static void Apply(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
