namespace WazzupAdmin.Domain.Distribution.Routing;

/// <summary>
/// Decides who gets a client from the channel's routing settings and the state of its sales reps right now: each rep
/// with "receives new clients" on is either eligible or skipped for one reason, and the channel's algorithm chooses
/// among the eligible. Pure: the clock's reading and the reps' state come in, the plan (with every verdict) goes out.
/// <para>
/// In turn without weights is the plain rotation of <see cref="Rotation"/>. With weights it is smooth weighted
/// round robin: every eligible rep's credit grows by their weight, the one with the most credit gets the client and
/// pays the sum of the weights. A rep's received share then never strays a whole client from their weighted share, and
/// equal credits fall to the rotation's order, so equal weights behave exactly as the plain rotation.
/// </para>
/// </summary>
public static class RoutingPlanner
{
    /// <param name="reps">The channel's sales reps with "receives new clients" on.</param>
    /// <param name="lastAssigned">In turn: who received the channel's previous client.</param>
    /// <param name="timedOut">Reps who already let this client's offer time out; they are not offered it again.</param>
    public static RoutingPlan Plan(
        RoutingSettings settings, IReadOnlyCollection<RepSnapshot> reps, string? lastAssigned, DateTimeOffset now,
        IReadOnlyCollection<string>? timedOut = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(reps);
        if (reps.Count == 0)
        {
            return new RoutingPlan(RoutingOutcome.NobodyEligible, null, [], [], Empty);
        }

        var ordered = reps.DistinctBy(r => r.UserId).OrderBy(r => r.UserId, StringComparer.Ordinal).ToList();
        var closed = settings.Hours is { } hours && !hours.IsOpen(now);
        if (closed && settings.OutsideHours == OutsideHoursChoice.Queue)
        {
            return new RoutingPlan(RoutingOutcome.Queued, null, [], [.. ordered.Select(r => new RepVerdict(r.UserId, SkipReason.OutsideHours))], Empty, ChannelClosed: true);
        }

        var today = settings.Hours?.Today(now) ?? DateOnly.FromDateTime(now.UtcDateTime);
        var verdicts = ordered.Select(r => new RepVerdict(r.UserId, SkipFor(settings, r, today, timedOut))).ToList();
        var available = ordered.Where((_, i) => verdicts[i].Skipped is null).ToList();
        if (available.Count == 0)
        {
            return new RoutingPlan(RoutingOutcome.Queued, null, [], verdicts, Empty, closed);
        }

        if (settings.Algorithm == DistributionAlgorithm.FirstResponder)
        {
            return new RoutingPlan(RoutingOutcome.Offered, null, [.. available.Select(r => r.UserId)], verdicts, Empty, closed);
        }

        if (available.All(r => r.Weight == 1))
        {
            var next = Rotation.Next(available.Select(r => r.UserId), lastAssigned)!;
            return new RoutingPlan(RoutingOutcome.Assigned, next, [], verdicts, Empty, closed);
        }

        return Weighted(available, verdicts, lastAssigned, closed);
    }

    /// <summary>
    /// In turn, after the offer timed out with <paramref name="from"/>: the next eligible rep after them in the rotation,
    /// skipping everyone who already timed out on this client. The rotation itself does not move, so the rep who timed
    /// out keeps their place; weights do not apply to a move.
    /// </summary>
    public static RoutingPlan PlanMove(
        RoutingSettings settings, IReadOnlyCollection<RepSnapshot> reps, string from, IReadOnlyCollection<string> timedOut, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var plain = settings with { Algorithm = DistributionAlgorithm.InTurn };
        var plan = Plan(plain, [.. reps.Select(r => r with { Weight = 1 })], from, now, timedOut);
        return plan;
    }

    /// <summary>
    /// Who the next <paramref name="count"/> new clients would go to if they wrote one after another now, with nobody
    /// replying meanwhile: each client counts toward its rep's unanswered clients and moves the rotation on.
    /// </summary>
    public static IReadOnlyList<RoutingPlan> Preview(
        RoutingSettings settings, IReadOnlyCollection<RepSnapshot> reps, string? lastAssigned, DateTimeOffset now, int count)
    {
        ArgumentNullException.ThrowIfNull(reps);
        var state = reps.ToDictionary(r => r.UserId, StringComparer.Ordinal);
        var plans = new List<RoutingPlan>(count);
        for (var i = 0; i < count; i++)
        {
            var plan = Plan(settings, state.Values, lastAssigned, now);
            plans.Add(plan);
            Handed(state, plan);
            lastAssigned = plan.AssignedTo ?? lastAssigned;
        }

        return plans;
    }

    /// <summary>
    /// The reps as the plan leaves them: each rep handed the client holds one more unanswered client, and with weights
    /// every eligible rep has their new credit. Returns the reps handed the client.
    /// </summary>
    internal static IEnumerable<string> Handed(Dictionary<string, RepSnapshot> state, RoutingPlan plan)
    {
        foreach (var (userId, credit) in plan.Credits)
        {
            state[userId] = state[userId] with { Credit = credit };
        }

        var handed = plan.OfferedTo.Append(plan.AssignedTo).OfType<string>().ToList();
        foreach (var userId in handed)
        {
            state[userId] = state[userId] with { Unanswered = state[userId].Unanswered + 1 };
        }

        return handed;
    }

    private static SkipReason? SkipFor(RoutingSettings settings, RepSnapshot rep, DateOnly today, IReadOnlyCollection<string>? timedOut)
    {
        if (timedOut?.Contains(rep.UserId) == true)
        {
            return SkipReason.TimedOut;
        }

        if (rep.DaysOff.Contains(today))
        {
            return SkipReason.DayOff;
        }

        // Away is the rep's own word, so it counts on every channel; offline only where the channel asks for it.
        if (rep.Presence == Presence.Away)
        {
            return SkipReason.Away;
        }

        if (settings.OnlyOnline && rep.Presence == Presence.Offline)
        {
            return SkipReason.Offline;
        }

        if ((rep.MaxUnanswered ?? settings.MaxUnanswered) is { } cap && rep.Unanswered >= cap)
        {
            return SkipReason.AtCapacity;
        }

        return null;
    }

    private static RoutingPlan Weighted(List<RepSnapshot> available, List<RepVerdict> verdicts, string? lastAssigned, bool closed)
    {
        // The rotation's order from the rep after the last one served, which decides between equal credits.
        var ring = Ring([.. available.Select(r => r.UserId)], lastAssigned);
        var credits = available.ToDictionary(r => r.UserId, r => r.Credit + Math.Clamp(r.Weight, RoutingSettings.MinWeight, RoutingSettings.MaxWeight), StringComparer.Ordinal);
        var total = available.Sum(r => (long)Math.Clamp(r.Weight, RoutingSettings.MinWeight, RoutingSettings.MaxWeight));
        var chosen = ring[0];
        foreach (var userId in ring)
        {
            if (credits[userId] > credits[chosen])
            {
                chosen = userId;
            }
        }

        credits[chosen] -= total;
        var passedOver = ring.TakeWhile(id => id != chosen).ToHashSet(StringComparer.Ordinal);
        List<RepVerdict> weighed = [.. verdicts.Select(v => passedOver.Contains(v.UserId) ? v with { Skipped = SkipReason.Weight } : v)];
        return new RoutingPlan(RoutingOutcome.Assigned, chosen, [], weighed, credits, closed);
    }

    private static List<string> Ring(List<string> ordered, string? lastAssigned)
    {
        var start = lastAssigned is null ? 0 : ordered.FindIndex(id => string.CompareOrdinal(id, lastAssigned) > 0);
        if (start < 0)
        {
            start = 0;
        }

        return [.. ordered.Skip(start), .. ordered.Take(start)];
    }

    private static readonly IReadOnlyDictionary<string, long> Empty = new Dictionary<string, long>();
}
