namespace WazzupAdmin.Domain.Distribution.Routing;

/// <summary>First responder: who the offer widens to when nobody claimed the client in time.</summary>
public enum WidenOfferTo
{
    /// <summary>Every sales rep of the channel, also those who do not receive new clients or were skipped.</summary>
    AllReps = 0,

    /// <summary>The channel's managers, who see and may answer every client anyway: they are alerted.</summary>
    Managers = 1,
}

/// <summary>
/// A channel's offer timeout: in turn, the client moves on when the rep whose turn it was has not replied within
/// <see cref="Minutes"/>, at most <see cref="MaxMoves"/> times, then goes to the managers unassigned; first responder,
/// the offer widens when nobody claimed it within <see cref="Minutes"/>. Off while <see cref="Minutes"/> is null.
/// </summary>
public sealed record OfferTimeoutSettings(int? Minutes, int MaxMoves = OfferTimeoutSettings.DefaultMaxMoves, WidenOfferTo WidenTo = WidenOfferTo.AllReps)
{
    public const int DefaultMaxMoves = 2;
    public const int MaxMinutes = 24 * 60;
    public const int MaxMovesLimit = 20;

    public static OfferTimeoutSettings Off { get; } = new(Minutes: null);

    public bool IsOn => Minutes is > 0;

    /// <summary>When an offer made at <paramref name="now"/> times out; null when timeouts are off.</summary>
    public DateTimeOffset? DueAt(DateTimeOffset now) => IsOn ? now.AddMinutes(Minutes!.Value) : null;
}

public enum OfferTimeoutAction
{
    /// <summary>In turn: the client goes to <see cref="OfferTimeoutDecision.MoveTo"/>, and the timer starts again.</summary>
    Move,

    /// <summary>In turn: moved too often, or nobody else can take it: the client is unassigned and the managers alerted.</summary>
    ToManagers,

    /// <summary>First responder: the offer widens (<see cref="OfferTimeoutDecision.WidenTo"/>) and the managers are alerted.</summary>
    Widen,
}

/// <param name="Plan">For a move or a hand-over to managers, the plan that found (or did not find) the next rep.</param>
public sealed record OfferTimeoutDecision(OfferTimeoutAction Action, string? MoveTo, WidenOfferTo WidenTo, RoutingPlan? Plan);

/// <summary>What happens when a client's offer times out. Pure: settings, reps and history in, the decision out.</summary>
public static class OfferTimeouts
{
    /// <param name="current">In turn: the rep who has the client now and did not reply.</param>
    /// <param name="heldBefore">Every rep who had this client before and let it time out.</param>
    /// <param name="movesSoFar">How often the client moved on already.</param>
    public static OfferTimeoutDecision Decide(
        RoutingSettings routing, OfferTimeoutSettings timeout, IReadOnlyCollection<RepSnapshot> reps, string? current,
        IReadOnlyCollection<string> heldBefore, int movesSoFar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(routing);
        ArgumentNullException.ThrowIfNull(timeout);
        ArgumentNullException.ThrowIfNull(heldBefore);
        if (routing.Algorithm == DistributionAlgorithm.FirstResponder || current is null)
        {
            return new OfferTimeoutDecision(OfferTimeoutAction.Widen, null, timeout.WidenTo, null);
        }

        if (movesSoFar >= timeout.MaxMoves)
        {
            return new OfferTimeoutDecision(OfferTimeoutAction.ToManagers, null, timeout.WidenTo, null);
        }

        var timedOut = heldBefore.Append(current).ToHashSet(StringComparer.Ordinal);
        var plan = RoutingPlanner.PlanMove(routing, reps, current, timedOut, now);
        return plan.Outcome == RoutingOutcome.Assigned && plan.AssignedTo is { } next
            ? new OfferTimeoutDecision(OfferTimeoutAction.Move, next, timeout.WidenTo, plan)
            : new OfferTimeoutDecision(OfferTimeoutAction.ToManagers, null, timeout.WidenTo, plan);
    }
}
