using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Stats;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Services.Routing;

/// <summary>A channel's routing numbers for a period, one row per sales rep.</summary>
public sealed record RoutingStatsReport(ChannelHeader Channel, StatsPeriod Period, IReadOnlyList<RepStats> Reps)
{
    /// <summary>Routing handed out no client in the period, and no rep replied to one.</summary>
    public bool IsEmpty => Reps.All(r => r.IsEmpty);
}

/// <summary>
/// Per sales rep of a channel, how many clients routing gave them, how many they claimed, how many timed out on them and
/// how fast they first replied, over a period: read from the channel's assignment history and messages, decided by
/// <see cref="RoutingStatistics"/>.
/// <para>
/// What the store can count it counts: the in-turn entries are grouped and counted in SQL, and the reps' first replies and
/// the clients' first messages are each one <c>GROUP BY</c> with <c>MIN</c>, over the clients routing handed out in the
/// period (the history's <c>(ChannelId, AtUtc)</c> index finds them, the messages' <c>(ConversationId, Id)</c> index their
/// messages). The first-responder entries come back as rows, because who an offer went to is a list of names that neither
/// provider groups by the same way; there is one to three a client. The percentiles are computed here from the period's
/// per-client reply times, one number each, bounded by the clients of the period (at most <see cref="StatsPeriod.MaxDays"/>
/// days). Dates are compared, never computed with, in the queries, so SQLite and PostgreSQL translate them alike.
/// </para>
/// </summary>
public sealed class RoutingStatsService(IDbContextFactory<AppDbContext> dbFactory, CurrentActor currentActor)
{
    /// <summary>The channel's numbers for <paramref name="period"/>; null when the channel does not exist.</summary>
    public async Task<RoutingStatsReport?> LoadAsync(Guid channelId, StatsPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channel = await db.Channels.AsNoTracking().Where(c => c.Id == channelId).Select(ChannelHeader.ToHeader).FirstOrDefaultAsync(cancellationToken);
        if (channel is null)
        {
            return null;
        }

        var (from, to) = (period.FromUtc, period.ToUtc);
        var history = db.Assignments.AsNoTracking().Where(a => a.ChannelId == channelId && a.AtUtc >= from && a.AtUtc < to);

        var inTurn = await history
            .Where(a => a.ReasonKind == AssignmentReasonKind.InTurn
                || a.ReasonKind == AssignmentReasonKind.OfferTimedOutMoved
                || a.ReasonKind == AssignmentReasonKind.OfferTimedOutToManagers)
            .GroupBy(a => new { a.ReasonKind, a.UserId, a.ReasonPrevious })
            .Select(g => new InTurnTally(g.Key.ReasonKind, g.Key.UserId, g.Key.ReasonPrevious, g.Count()))
            .ToListAsync(cancellationToken);

        var firstResponder = history.Where(a => a.ReasonKind == AssignmentReasonKind.FirstResponderOffered
            || a.ReasonKind == AssignmentReasonKind.OfferWidened
            || a.ReasonKind == AssignmentReasonKind.FirstResponderClaimed);
        var offers = await firstResponder
            .Select(a => new OfferEntry(a.ConversationId, a.AtUtc, a.ReasonKind, a.UserId, a.ReasonNames))
            .ToListAsync(cancellationToken);
        // An offer made before the period that timed out in it: who it timed out on is in the offer itself.
        var widenedFromBefore = history.Where(a => a.ReasonKind == AssignmentReasonKind.OfferWidened).Select(a => a.ConversationId);
        offers.AddRange(await db.Assignments.AsNoTracking()
            .Where(a => a.ReasonKind == AssignmentReasonKind.FirstResponderOffered && a.AtUtc < from && widenedFromBefore.Contains(a.ConversationId))
            .Select(a => new OfferEntry(a.ConversationId, a.AtUtc, a.ReasonKind, a.UserId, a.ReasonNames))
            .ToListAsync(cancellationToken));

        var routed = history.Where(a => a.ReasonKind == AssignmentReasonKind.InTurn
                || a.ReasonKind == AssignmentReasonKind.OfferTimedOutMoved
                || a.ReasonKind == AssignmentReasonKind.FirstResponderOffered
                || a.ReasonKind == AssignmentReasonKind.OfferWidened
                || a.ReasonKind == AssignmentReasonKind.FirstResponderClaimed)
            .Select(a => a.ConversationId);
        var firstReplies = await db.Messages.AsNoTracking()
            .Where(m => !m.Incoming && m.AuthorUserId != null && routed.Contains(m.ConversationId))
            .GroupBy(m => new { m.ConversationId, m.AuthorUserId })
            .Select(g => new { g.Key.ConversationId, UserId = g.Key.AuthorUserId!, At = g.Min(m => m.SentAtUtc) })
            .ToListAsync(cancellationToken);
        var clientsWrote = await db.Messages.AsNoTracking()
            .Where(m => m.Incoming && routed.Contains(m.ConversationId))
            .GroupBy(m => m.ConversationId)
            .Select(g => new { ConversationId = g.Key, At = g.Min(m => m.SentAtUtc) })
            .ToDictionaryAsync(c => c.ConversationId, c => c.At, cancellationToken);
        List<FirstReply> replies =
        [
            .. firstReplies.Where(r => clientsWrote.ContainsKey(r.ConversationId))
                .Select(r => new FirstReply(r.ConversationId, r.UserId, clientsWrote[r.ConversationId], r.At)),
        ];

        var reps = await db.ChannelAccess.AsNoTracking()
            .Where(a => a.ChannelId == channelId && a.Role == ChannelRole.SalesRep)
            .Select(a => new StatsRep(a.CrmUserId, a.CrmUser!.Name))
            .ToListAsync(cancellationToken);
        // Whoever routing gave clients to in the period and is no longer a sales rep of the channel keeps their row.
        var known = reps.Select(r => r.UserId).ToHashSet(StringComparer.Ordinal);
        var others = inTurn.Select(t => t.UserId).Concat(offers.Select(o => o.UserId)).OfType<string>().Where(id => !known.Contains(id)).Distinct().ToList();
        if (others.Count > 0)
        {
            reps.AddRange(await db.CrmUsers.AsNoTracking().Where(u => others.Contains(u.Id)).Select(u => new StatsRep(u.Id, u.Name)).ToListAsync(cancellationToken));
        }

        return new RoutingStatsReport(channel, period, RoutingStatistics.Aggregate(reps, inTurn, offers, replies, period));
    }
}
