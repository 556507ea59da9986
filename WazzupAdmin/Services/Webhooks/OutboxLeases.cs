using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Webhooks;

namespace WazzupAdmin.Services.Webhooks;

/// <summary>
/// Which outbox events a delivery worker may send, for every instance of the console on one store. A worker sends an
/// event only while it holds the event's lease, taken with one conditional update that changes the row for one
/// worker only, however many try at once; only the oldest pending event of a contact can be leased, so a contact's
/// events go one at a time and in order. The lease ends when the answer is saved (<see cref="Release"/>), or, if the
/// worker died meanwhile, when its time is up: another worker then sends the event again (at least once stays).
/// The same statements run on SQLite, where one worker is the only taker (see <see cref="ReleaseLeftOverAsync"/>).
/// </summary>
public sealed class OutboxLeases(IDbContextFactory<AppDbContext> dbFactory, string holder)
{
    /// <summary>The worker's name in <see cref="OutboxEvent.LeasedBy"/>.</summary>
    public string Holder { get; } = holder;

    /// <summary>The head event of each contact (and each event without one), due at <paramref name="now"/>, not leased.</summary>
    public async Task<IReadOnlyList<long>> DueAsync(int count, DateTime now, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Claimable(db, now).OrderBy(e => e.Id).Select(e => e.Id).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Takes the lease of event <paramref name="outboxId"/> until <paramref name="now"/> + <paramref name="length"/>,
    /// if it is still pending, due, free and the head of its contact. False when another worker took it first, or it
    /// was delivered meanwhile.
    /// </summary>
    public async Task<bool> TryClaimAsync(long outboxId, DateTime now, TimeSpan length, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var until = now + length;
        var claimed = await Claimable(db, now).Where(e => e.Id == outboxId)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.LeasedBy, Holder).SetProperty(e => e.LeasedUntilUtc, until), cancellationToken);
        return claimed == 1;
    }

    /// <summary>Ends this worker's lease of an event it loaded, in the save that records the answer.</summary>
    public static void Release(OutboxEvent outboxEvent)
    {
        ArgumentNullException.ThrowIfNull(outboxEvent);
        outboxEvent.LeasedBy = null;
        outboxEvent.LeasedUntilUtc = null;
    }

    /// <summary>
    /// Ends this worker's lease of <paramref name="outboxId"/> when no answer was saved (the app stopped mid-request,
    /// or the delivery failed unexpectedly), so that the event is sent again at once rather than when the lease ends.
    /// </summary>
    public async Task ReleaseAsync(long outboxId)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.OutboxEvents.Where(e => e.Id == outboxId && e.LeasedBy == Holder)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.LeasedBy, (string?)null).SetProperty(e => e.LeasedUntilUtc, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>
    /// On a store that only one console uses at a time (a SQLite file), a lease this worker did not take was left by a
    /// console that was killed mid-delivery: it is ended when the worker starts, so that a restarted console sends those
    /// events at once, as before leases existed, instead of when the lease runs out. On PostgreSQL another instance may
    /// be sending right now, so there a lease always runs its course.
    /// </summary>
    public async Task ReleaseLeftOverAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            return;
        }

        await db.OutboxEvents.Where(e => e.LeasedBy != null && e.LeasedBy != Holder)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.LeasedBy, (string?)null).SetProperty(e => e.LeasedUntilUtc, (DateTime?)null), cancellationToken);
    }

    private static IQueryable<OutboxEvent> Claimable(AppDbContext db, DateTime now) =>
        db.OutboxEvents
            .Where(e => e.Status == OutboxStatus.Pending && e.NextAttemptAtUtc <= now)
            .Where(e => e.LeasedUntilUtc == null || e.LeasedUntilUtc < now)
            // A leased head is still pending, so it holds its contact's later events back until its answer is saved.
            .Where(e => e.OrderingKey == null
                || !db.OutboxEvents.Any(o => o.Status == OutboxStatus.Pending && o.OrderingKey == e.OrderingKey && o.Id < e.Id));
}
