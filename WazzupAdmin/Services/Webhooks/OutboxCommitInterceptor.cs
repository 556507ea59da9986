using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using WazzupAdmin.Data.Entities;

namespace WazzupAdmin.Services.Webhooks;

/// <summary>
/// Wakes the delivery worker once a save that added outbox events is committed: at the end of its transaction, or
/// at once for a save outside one. The use cases only add events to their context; they need not know the worker.
/// </summary>
public sealed class OutboxCommitInterceptor(WebhookSignal signal) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> pending = new();

    public TransactionWatcher Transactions => new(this);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeUnlessInTransaction(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeUnlessInTransaction(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboxEvent>().Any(e => e.State == EntityState.Added))
        {
            pending.AddOrUpdate(context, this);
        }
    }

    private void WakeUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Ended(context, committed: true);
        }
    }

    private void Ended(DbContext? context, bool committed)
    {
        if (context is not null && pending.Remove(context) && committed)
        {
            signal.Wake();
        }
    }

    /// <summary>The transaction side of the same interceptor.</summary>
    public sealed class TransactionWatcher(OutboxCommitInterceptor owner) : DbTransactionInterceptor
    {
        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
            owner.Ended(eventData.Context, committed: true);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.Ended(eventData.Context, committed: true);
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
            owner.Ended(eventData.Context, committed: false);

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.Ended(eventData.Context, committed: false);
            return Task.CompletedTask;
        }
    }
}
