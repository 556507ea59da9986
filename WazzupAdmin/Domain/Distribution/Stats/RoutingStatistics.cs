namespace WazzupAdmin.Domain.Distribution.Stats;

/// <summary>A sales rep a row of the numbers is about.</summary>
public sealed record StatsRep(string UserId, string Name);

/// <summary>
/// In turn, how many entries of one kind the channel's assignment history has in the period for one rep (counted by the
/// store: in turn a rep gets a client once, and times out on it at most once, so entries are clients).
/// </summary>
/// <param name="UserId">Who was made responsible (a turn, a move); null when the client went to the managers.</param>
/// <param name="Previous">A timeout: the name of the rep who did not reply in time.</param>
public sealed record InTurnTally(AssignmentReasonKind Kind, string? UserId, string? Previous, int Count);

/// <summary>A first-responder entry of a channel's assignment history: an offer, a widened offer or a claim.</summary>
/// <param name="UserId">A claim: who replied first.</param>
/// <param name="Names">An offer or a widened offer: the names of the reps it went to.</param>
public sealed record OfferEntry(long ConversationId, DateTime AtUtc, AssignmentReasonKind Kind, string? UserId, IReadOnlyList<string> Names);

/// <summary>A rep's first reply to a client, and when the client first wrote.</summary>
public sealed record FirstReply(long ConversationId, string UserId, DateTime ClientWroteAtUtc, DateTime RepliedAtUtc)
{
    public TimeSpan Duration => RepliedAtUtc - ClientWroteAtUtc;
}

/// <summary>One sales rep's numbers for a period.</summary>
/// <param name="Received">Clients routing made them responsible for or offered to them.</param>
/// <param name="Claimed">First responder: clients they replied to first, and so became responsible for.</param>
/// <param name="TimedOut">Clients whose offer timed out on them: in turn they did not reply in time, first responder nobody claimed it.</param>
/// <param name="Replies">Clients they replied to, the count behind the reply times.</param>
public sealed record RepStats(
    string UserId, string Name, int Received, int Claimed, int TimedOut, int Replies, TimeSpan? MedianFirstReply, TimeSpan? P90FirstReply)
{
    public bool IsEmpty => Received == 0 && Claimed == 0 && TimedOut == 0 && Replies == 0;
}

/// <summary>
/// Per sales rep of a channel, what routing did in a period: from the channel's assignment history and the reps' first
/// replies. Pure: the rows come in, the numbers go out.
/// <para>
/// The history names offered reps and reps who timed out by their names (it is written for the reader), so those are
/// matched to the reps by name; a name two reps share is counted for the first of them by user id.
/// </para>
/// </summary>
public static class RoutingStatistics
{
    /// <param name="reps">The rows of the table: the channel's sales reps, and anyone else routing gave its clients in the period.</param>
    /// <param name="inTurn">The in-turn entries of the period, counted.</param>
    /// <param name="offers">
    /// The first-responder entries of the period; an offer from before the period may come with them, so that a timeout in
    /// the period knows who the offer timed out on; it is not counted itself.
    /// </param>
    /// <param name="replies">The reps' first replies to the clients routing handed out in the period.</param>
    public static IReadOnlyList<RepStats> Aggregate(
        IReadOnlyList<StatsRep> reps, IReadOnlyList<InTurnTally> inTurn, IReadOnlyList<OfferEntry> offers, IReadOnlyList<FirstReply> replies,
        StatsPeriod period)
    {
        ArgumentNullException.ThrowIfNull(reps);
        ArgumentNullException.ThrowIfNull(inTurn);
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(replies);
        ArgumentNullException.ThrowIfNull(period);
        var ordered = reps.DistinctBy(r => r.UserId).OrderBy(r => r.UserId, StringComparer.Ordinal).ToList();
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rep in ordered)
        {
            byName.TryAdd(rep.Name, rep.UserId);
        }

        string? IdOf(string? name) => name is not null && byName.TryGetValue(name, out var id) ? id : null;

        var received = ordered.ToDictionary(r => r.UserId, _ => new HashSet<long>());
        var claimed = ordered.ToDictionary(r => r.UserId, _ => 0);
        var timedOut = ordered.ToDictionary(r => r.UserId, _ => new HashSet<long>());
        var receivedInTurn = ordered.ToDictionary(r => r.UserId, _ => 0);
        var timedOutInTurn = ordered.ToDictionary(r => r.UserId, _ => 0);
        foreach (var tally in inTurn)
        {
            if (tally.Kind is AssignmentReasonKind.InTurn or AssignmentReasonKind.OfferTimedOutMoved
                && tally.UserId is not null && receivedInTurn.ContainsKey(tally.UserId))
            {
                receivedInTurn[tally.UserId] += tally.Count;
            }

            if (tally.Kind is AssignmentReasonKind.OfferTimedOutMoved or AssignmentReasonKind.OfferTimedOutToManagers
                && IdOf(tally.Previous) is { } previous)
            {
                timedOutInTurn[previous] += tally.Count;
            }
        }

        void Receive(string? userId, long conversationId)
        {
            if (userId is not null && received.TryGetValue(userId, out var set))
            {
                set.Add(conversationId);
            }
        }

        foreach (var conversation in offers.GroupBy(e => e.ConversationId))
        {
            // Who the first-responder offer is open to, as it stood before each entry.
            IReadOnlyList<string> offeredTo = [];
            foreach (var entry in conversation.OrderBy(e => e.AtUtc))
            {
                var inPeriod = period.Contains(entry.AtUtc);
                switch (entry.Kind)
                {
                    case AssignmentReasonKind.FirstResponderOffered:
                        offeredTo = entry.Names;
                        if (inPeriod)
                        {
                            foreach (var name in entry.Names)
                            {
                                Receive(IdOf(name), entry.ConversationId);
                            }
                        }

                        break;
                    case AssignmentReasonKind.OfferWidened:
                        if (inPeriod)
                        {
                            foreach (var name in offeredTo)
                            {
                                TimedOut(IdOf(name), entry.ConversationId);
                            }

                            foreach (var name in entry.Names)
                            {
                                Receive(IdOf(name), entry.ConversationId);
                            }
                        }

                        offeredTo = [.. offeredTo.Union(entry.Names, StringComparer.Ordinal)];
                        break;
                    case AssignmentReasonKind.FirstResponderClaimed when inPeriod:
                        Receive(entry.UserId, entry.ConversationId);
                        if (entry.UserId is not null && claimed.TryGetValue(entry.UserId, out var claims))
                        {
                            claimed[entry.UserId] = claims + 1;
                        }

                        offeredTo = [];
                        break;
                }
            }
        }

        var durations = replies
            .Where(r => r.Duration >= TimeSpan.Zero)
            .GroupBy(r => r.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.DistinctBy(r => r.ConversationId).Select(r => r.Duration).ToList(), StringComparer.Ordinal);

        return
        [
            .. ordered.Select(rep =>
            {
                var times = durations.GetValueOrDefault(rep.UserId) ?? [];
                return new RepStats(
                    rep.UserId, rep.Name, receivedInTurn[rep.UserId] + received[rep.UserId].Count, claimed[rep.UserId],
                    timedOutInTurn[rep.UserId] + timedOut[rep.UserId].Count, times.Count,
                    Percentiles.Median(times), Percentiles.P90(times));
            })
            .OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase),
        ];

        void TimedOut(string? userId, long conversationId)
        {
            if (userId is not null && timedOut.TryGetValue(userId, out var set))
            {
                set.Add(conversationId);
            }
        }
    }
}
