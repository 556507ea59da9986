namespace WazzupAdmin.Domain.Distribution.Routing;

/// <summary>Whether a sales rep is at their chat window.</summary>
public enum Presence
{
    /// <summary>A chat window is open, or closed less than the grace period ago.</summary>
    Online = 0,

    /// <summary>The rep said so in the chat window.</summary>
    Away = 1,

    /// <summary>No chat window open since the grace period.</summary>
    Offline = 2,
}

/// <summary>Why a sales rep who receives new clients did not get this one.</summary>
public enum SkipReason
{
    Offline,
    Away,
    AtCapacity,
    OutsideHours,
    DayOff,
    TimedOut,

    /// <summary>In turn with weights: the plain rotation would have chosen them, but their share was already ahead.</summary>
    Weight,

    /// <summary>Draining the queue: they were already handed the channel's most queued clients per minute.</summary>
    QueuePace,

    /// <summary>A returning client's responsible user has no access to the channel any more.</summary>
    NoAccess,

    /// <summary>A returning client's responsible user is no longer in the CRM.</summary>
    Deleted,
}

/// <summary>One rep considered for a client, and why they were passed over (null when they were not).</summary>
public sealed record RepVerdict(string UserId, SkipReason? Skipped)
{
    public bool Eligible => Skipped is null or SkipReason.Weight;
}

/// <summary>
/// A sales rep of the channel with "receives new clients" on, as routing sees them right now.
/// </summary>
/// <param name="Unanswered">Unanswered clients on this channel they are responsible for or are offered.</param>
/// <param name="MaxUnanswered">Their own cap, overriding the channel's; null to use the channel's.</param>
/// <param name="Weight">In turn: their share, 1 to 10.</param>
/// <param name="Credit">In turn with weights: how far their share is behind (positive) or ahead (negative).</param>
public sealed record RepSnapshot(string UserId)
{
    public Presence Presence { get; init; } = Presence.Online;
    public int Unanswered { get; init; }
    public int? MaxUnanswered { get; init; }
    public int Weight { get; init; } = 1;
    public long Credit { get; init; }
    public IReadOnlyCollection<DateOnly> DaysOff { get; init; } = [];
}

/// <summary>A channel's routing settings; every one of them optional, and with none used the channel routes as it always did.</summary>
/// <param name="OnlyOnline">Only reps at their chat window receive new clients.</param>
/// <param name="MaxUnanswered">The most unanswered clients a rep may hold before being skipped; null for no limit.</param>
/// <param name="Hours">The channel's weekly hours; null for always open.</param>
public sealed record RoutingSettings(DistributionAlgorithm Algorithm)
{
    public bool OnlyOnline { get; init; }
    public int? MaxUnanswered { get; init; }
    public WorkingHours? Hours { get; init; }
    public OutsideHoursChoice OutsideHours { get; init; } = OutsideHoursChoice.Queue;

    public const int MinWeight = 1;
    public const int MaxWeight = 10;
}

public enum RoutingOutcome
{
    /// <summary>In turn: one rep is responsible at once.</summary>
    Assigned,

    /// <summary>First responder: the client is offered to these reps until one replies.</summary>
    Offered,

    /// <summary>Reps receive new clients but none can take this one now: the client waits in the channel's queue.</summary>
    Queued,

    /// <summary>No sales rep receives new clients at all: the client stays unassigned and the administrator is warned.</summary>
    NobodyEligible,
}

/// <summary>What routing decided for one client, and everything it weighed, kept so an administrator can read it later.</summary>
/// <param name="Verdicts">Every rep considered, in the rotation's order, with why each was passed over.</param>
/// <param name="Credits">In turn with weights: every eligible rep's credit after this client; empty otherwise.</param>
/// <param name="ChannelClosed">The channel was outside its hours when the client came.</param>
public sealed record RoutingPlan(
    RoutingOutcome Outcome, string? AssignedTo, IReadOnlyList<string> OfferedTo, IReadOnlyList<RepVerdict> Verdicts,
    IReadOnlyDictionary<string, long> Credits, bool ChannelClosed = false)
{
    public IEnumerable<string> Eligible => Verdicts.Where(v => v.Eligible).Select(v => v.UserId);

    public IEnumerable<RepVerdict> Skipped => Verdicts.Where(v => v.Skipped is not null);
}
