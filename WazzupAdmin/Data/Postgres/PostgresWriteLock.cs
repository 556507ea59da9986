using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WazzupAdmin.Data.Postgres;

/// <summary>
/// On PostgreSQL, what <see cref="SqliteWriteGate"/> and SQLite's single writer give on one file, for every instance of
/// the console on the database: every transaction the store begins first takes one transaction-level advisory lock,
/// which PostgreSQL releases at its commit or rollback (or when the connection breaks). The use cases read, decide and
/// write inside one transaction (a new client's contact for its chat, the next turn of a rotation, a first
/// responder's claim, a setting's version), so with the lock two instances decide in turns exactly as two writers of
/// one file do; statements outside transactions (single SaveChanges, conditional updates) do not wait for it.
/// <para>
/// A transaction that waits longer than <see cref="SqliteWriteGate.MaxWait"/> (a flow that begins one while it holds
/// another) fails with PostgreSQL's lock timeout instead of waiting forever.
/// </para>
/// </summary>
public sealed class PostgresWriteLock : DbTransactionInterceptor
{
    /// <summary>The advisory lock's key: any constant the console's other locks do not use.</summary>
    public const long Key = 0x57415A5A55500001;

    private static readonly string Statement =
        $"SET LOCAL lock_timeout = '{(int)SqliteWriteGate.MaxWait.TotalMilliseconds}ms'; SELECT pg_advisory_xact_lock({Key}); SET LOCAL lock_timeout = DEFAULT;";

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = result;
        command.CommandText = Statement;
        command.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.Transaction = result;
        command.CommandText = Statement;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }
}
