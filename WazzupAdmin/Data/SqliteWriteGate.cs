using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WazzupAdmin.Data;

/// <summary>
/// Lets this process's writers of one SQLite file take their turns in order, waiting asynchronously, instead of
/// colliding on the file's write lock. SQLite admits one writer at a time, and Microsoft.Data.Sqlite answers a writer
/// that finds the lock taken by sleeping 150 ms and trying again: under concurrent new clients that sleep, not the
/// work, decided the latency (p99 of seconds at 8 concurrent messages). Every transaction the store begins — the use
/// cases' explicit BEGIN IMMEDIATE and the ones SaveChanges opens — first enters this gate; it is left when the
/// transaction commits, rolls back or fails, or at the latest when its connection closes.
/// <para>
/// Other processes on the same file still meet SQLite's own locking, as before. A writer that waits longer than
/// <see cref="MaxWait"/> (a transaction begun while the same flow holds another one) goes on without the gate, so the
/// worst case stays what it was without it: SQLite's busy timeout.
/// </para>
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The gate lives as long as the app; a SemaphoreSlim whose wait handle is never asked for holds nothing to release, and disposing it at shutdown would fail writers still finishing")]
public sealed class SqliteWriteGate : DbTransactionInterceptor, IDbConnectionInterceptor
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly ConcurrentDictionary<Guid, bool> holders = new();

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (turn.Wait(MaxWait))
        {
            holders[eventData.ConnectionId] = true;
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        if (await turn.WaitAsync(MaxWait, cancellationToken))
        {
            holders[eventData.ConnectionId] = true;
        }

        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.ConnectionId);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.ConnectionId);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.ConnectionId);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.ConnectionId);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        // A failed commit or rollback ends the transaction; a failed savepoint or statement does not.
        if (eventData.Action is "Commit" or "Rollback")
        {
            Leave(eventData.ConnectionId);
        }
    }

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback (an early return) is rolled back by SQLite when its connection
    // goes back to the pool; the gate is left then.
    void IDbConnectionInterceptor.ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Leave(eventData.ConnectionId);

    Task IDbConnectionInterceptor.ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Leave(eventData.ConnectionId);
        return Task.CompletedTask;
    }

    private void Leave(Guid connectionId)
    {
        if (holders.TryRemove(connectionId, out _))
        {
            turn.Release();
        }
    }
}
