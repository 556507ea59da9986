using System.Globalization;

namespace WazzupAdmin.Domain.Distribution;

/// <summary>What kind of fact made someone responsible for a client (or left the client unassigned).</summary>
public enum AssignmentReasonKind
{
    /// <summary>Free text from before reasons were stored as facts, which could not be read back as one.</summary>
    Text,
    NobodyEligible,
    InTurn,
    FirstResponderOffered,
    FirstResponderClaimed,
    AssignedBy,
    SetByCrm,

    /// <summary>Sales reps receive new clients but none could take this one (offline, away, at capacity): it stays unassigned.</summary>
    NobodyAvailable,

    /// <summary>In turn: the rep (<see cref="AssignmentReason.Previous"/>) did not reply in time; the client moved to the next rep.</summary>
    OfferTimedOutMoved,

    /// <summary>In turn: nobody replied in time (or nobody else could take it): the client went to the managers, unassigned.</summary>
    OfferTimedOutToManagers,

    /// <summary>First responder: nobody claimed the client in time; the offer widened and the managers were alerted.</summary>
    OfferWidened,

    /// <summary>Clients were already waiting in the channel's queue: this one waits behind them, oldest first.</summary>
    QueuedBehindOthers,

    /// <summary>In turn: handed out from the queue to <see cref="AssignmentReason.Actor"/> after waiting <see cref="AssignmentReason.Previous"/> minutes.</summary>
    FromQueueAssigned,

    /// <summary>First responder: offered from the queue to <see cref="AssignmentReason.Names"/> after waiting <see cref="AssignmentReason.Previous"/> minutes.</summary>
    FromQueueOffered,

    /// <summary>A returning client whose responsible (<see cref="AssignmentReason.Previous"/>) is gone went to the next rep in turn.</summary>
    ReturningClientMoved,

    /// <summary>A returning client whose responsible (<see cref="AssignmentReason.Previous"/>) is gone went to the managers, unassigned.</summary>
    ReturningClientToManagers,
}

/// <summary>A sales rep routing passed over for a client, and why.</summary>
public sealed record SkippedRep(string Name, Routing.SkipReason Reason)
{
    /// <summary>The form kept in the assignment history: <c>Reason:Name</c>.</summary>
    public string Stored => $"{Reason}:{Name}";

    public const string OfflineText = "Offline";
    public const string AwayText = "Away";
    public const string AtCapacityText = "At capacity";
    public const string OutsideHoursText = "Outside hours";
    public const string DayOffText = "Day off";
    public const string TimedOutText = "Timed out";
    public const string WeightText = "Weight";
    public const string QueuePaceText = "Queue pace";
    public const string NoAccessText = "No access";
    public const string DeletedText = "Deleted";

    /// <summary>The reason's English word (the UI's resource key).</summary>
    public string ReasonText => Reason switch
    {
        Routing.SkipReason.Offline => OfflineText,
        Routing.SkipReason.Away => AwayText,
        Routing.SkipReason.AtCapacity => AtCapacityText,
        Routing.SkipReason.OutsideHours => OutsideHoursText,
        Routing.SkipReason.DayOff => DayOffText,
        Routing.SkipReason.TimedOut => TimedOutText,
        Routing.SkipReason.QueuePace => QueuePaceText,
        Routing.SkipReason.NoAccess => NoAccessText,
        Routing.SkipReason.Deleted => DeletedText,
        _ => WeightText,
    };

    public static IReadOnlyList<SkippedRep> Parse(IEnumerable<string>? stored) =>
    [
        .. (stored ?? []).Select(s => s.Split(':', 2)).Where(p => p.Length == 2 && Enum.TryParse<Routing.SkipReason>(p[0], out _))
            .Select(p => new SkippedRep(p[1], Enum.Parse<Routing.SkipReason>(p[0]))),
    ];
}

/// <summary>
/// Why a client went where it went, as facts (a kind, the names involved) rather than a sentence, so that each reader
/// sees it in their own language. <see cref="Sentence"/> gives the English resource key and its arguments; the pages
/// translate it as they translate the audit log.
/// </summary>
/// <param name="Actor">In turn: the rep the turn came after (null for the first turn); first responder: who replied first;
/// an assignment: who assigned; the CRM: the API key's name.</param>
/// <param name="Previous">An assignment: who was responsible before, if anyone.</param>
/// <param name="Names">In turn: the eligible reps; first responder: the reps it was offered to.</param>
/// <param name="Text">For <see cref="AssignmentReasonKind.Text"/>, the text as it was stored.</param>
public sealed record AssignmentReason(AssignmentReasonKind Kind, string? Actor, string? Previous, IReadOnlyList<string> Names, string? Text = null)
{
    public const string NobodyEligibleText = "Nobody was eligible: no sales rep with “receives new clients” on.";
    public const string InTurnFirstText = "In turn: first turn; eligible: {0}.";
    public const string InTurnAfterText = "In turn: turn after {0}; eligible: {1}.";
    public const string OfferedText = "First responder: offered to {0}.";
    public const string ClaimedText = "First responder: {0} replied first; it was offered to {1}.";
    public const string ClaimedAloneText = "First responder: {0} replied first.";
    public const string AssignedByText = "Assigned by {0}.";
    public const string AssignedByPreviouslyText = "Assigned by {0}; previously {1}.";
    public const string SetByCrmText = "Responsible set by the CRM ({0}).";
    public const string NobodyAvailableText = "Nobody could take the client now; it waits in the channel's queue.";
    public const string QueuedBehindOthersText = "Other clients were already waiting in the channel's queue; this one waits behind them.";
    public const string FromQueueAssignedText = "From the queue after {1} min: given to {0} in turn.";
    public const string FromQueueOfferedText = "From the queue after {1} min: offered to {0}.";
    public const string ReturningClientMovedText = "Returning client: {1} is not available; given to {0} in turn.";
    public const string ReturningClientToManagersText = "Returning client: {0} is not available; handed to the channel's managers, unassigned.";
    public const string SkippedText = "Skipped: {0}.";
    public const string TimedOutMovedText = "Timed out: {0} did not reply in time; moved to the next rep in turn.";
    public const string TimedOutToManagersText = "Timed out: {0} did not reply in time; handed to the channel's managers, unassigned.";
    public const string WidenedToRepsText = "Timed out: nobody claimed the client in time; offered to every sales rep of the channel ({0}) and the managers alerted.";
    public const string WidenedToManagersText = "Timed out: nobody claimed the client in time; the managers were alerted.";

    /// <summary>The sales reps routing passed over, with why; empty when nobody was or for reasons that are not routing's.</summary>
    public IReadOnlyList<SkippedRep> Skipped { get; init; } = [];

    public static AssignmentReason NobodyEligible() => new(AssignmentReasonKind.NobodyEligible, null, null, []);

    public static AssignmentReason NobodyAvailable(IReadOnlyList<SkippedRep> skipped) =>
        new(AssignmentReasonKind.NobodyAvailable, null, null, []) { Skipped = skipped };

    /// <param name="after">The rep who had the previous turn; null for the channel's first.</param>
    public static AssignmentReason InTurn(string? after, IReadOnlyList<string> eligible) => new(AssignmentReasonKind.InTurn, after, null, eligible);

    public static AssignmentReason Offered(IReadOnlyList<string> offeredTo) => new(AssignmentReasonKind.FirstResponderOffered, null, null, offeredTo);

    public static AssignmentReason Claimed(string repliedFirst, IReadOnlyList<string> offeredTo) =>
        new(AssignmentReasonKind.FirstResponderClaimed, repliedFirst, null, offeredTo);

    public static AssignmentReason AssignedBy(string assigner, string? previous) => new(AssignmentReasonKind.AssignedBy, assigner, previous, []);

    public static AssignmentReason SetByCrm(string source) => new(AssignmentReasonKind.SetByCrm, source, null, []);

    /// <param name="timedOut">The rep who did not reply in time.</param>
    public static AssignmentReason TimedOutMoved(string timedOut) => new(AssignmentReasonKind.OfferTimedOutMoved, null, timedOut, []);

    public static AssignmentReason TimedOutToManagers(string timedOut) => new(AssignmentReasonKind.OfferTimedOutToManagers, null, timedOut, []);

    /// <param name="offeredTo">To every rep of the channel, their names; empty when the offer widened to the managers.</param>
    public static AssignmentReason Widened(IReadOnlyList<string> offeredTo) => new(AssignmentReasonKind.OfferWidened, null, null, offeredTo);

    public static AssignmentReason QueuedBehindOthers() => new(AssignmentReasonKind.QueuedBehindOthers, null, null, []);

    /// <param name="waitedMinutes">How long the client waited in the queue.</param>
    public static AssignmentReason FromQueueAssigned(string assignedTo, int waitedMinutes) =>
        new(AssignmentReasonKind.FromQueueAssigned, assignedTo, waitedMinutes.ToString(CultureInfo.InvariantCulture), []);

    public static AssignmentReason FromQueueOffered(IReadOnlyList<string> offeredTo, int waitedMinutes) =>
        new(AssignmentReasonKind.FromQueueOffered, null, waitedMinutes.ToString(CultureInfo.InvariantCulture), offeredTo);

    public static AssignmentReason ReturningClientMoved(string to, string gone) => new(AssignmentReasonKind.ReturningClientMoved, to, gone, []);

    public static AssignmentReason ReturningClientToManagers(string gone) => new(AssignmentReasonKind.ReturningClientToManagers, null, gone, []);

    public static AssignmentReason FromText(string text) => new(AssignmentReasonKind.Text, null, null, [], text);

    /// <summary>The sentence's English template (the UI's resource key) and what fills it.</summary>
    public (string Template, string[] Arguments) Sentence => Kind switch
    {
        AssignmentReasonKind.NobodyEligible => (NobodyEligibleText, []),
        AssignmentReasonKind.InTurn when Actor is null => (InTurnFirstText, [List]),
        AssignmentReasonKind.InTurn => (InTurnAfterText, [Actor, List]),
        AssignmentReasonKind.FirstResponderOffered => (OfferedText, [List]),
        AssignmentReasonKind.FirstResponderClaimed when Names.Count == 0 => (ClaimedAloneText, [Actor ?? ""]),
        AssignmentReasonKind.FirstResponderClaimed => (ClaimedText, [Actor ?? "", List]),
        AssignmentReasonKind.AssignedBy when Previous is null => (AssignedByText, [Actor ?? ""]),
        AssignmentReasonKind.AssignedBy => (AssignedByPreviouslyText, [Actor ?? "", Previous]),
        AssignmentReasonKind.SetByCrm => (SetByCrmText, [Actor ?? ""]),
        AssignmentReasonKind.NobodyAvailable => (NobodyAvailableText, []),
        AssignmentReasonKind.OfferTimedOutMoved => (TimedOutMovedText, [Previous ?? ""]),
        AssignmentReasonKind.OfferTimedOutToManagers => (TimedOutToManagersText, [Previous ?? ""]),
        AssignmentReasonKind.OfferWidened when Names.Count == 0 => (WidenedToManagersText, []),
        AssignmentReasonKind.OfferWidened => (WidenedToRepsText, [List]),
        AssignmentReasonKind.QueuedBehindOthers => (QueuedBehindOthersText, []),
        AssignmentReasonKind.FromQueueAssigned => (FromQueueAssignedText, [Actor ?? "", Previous ?? "0"]),
        AssignmentReasonKind.FromQueueOffered => (FromQueueOfferedText, [List, Previous ?? "0"]),
        AssignmentReasonKind.ReturningClientMoved => (ReturningClientMovedText, [Actor ?? "", Previous ?? ""]),
        AssignmentReasonKind.ReturningClientToManagers => (ReturningClientToManagersText, [Previous ?? ""]),
        _ => ("{0}", [Text ?? ""]),
    };

    /// <summary>The sentence in English, as it is also stored beside the facts for whoever reads the raw store.</summary>
    public string English
    {
        get
        {
            var (template, arguments) = Sentence;
            var sentence = string.Format(CultureInfo.InvariantCulture, template, arguments);
            return Skipped.Count == 0
                ? sentence
                : sentence + " " + string.Format(CultureInfo.InvariantCulture, SkippedFormat, string.Join(", ", Skipped.Select(s => $"{s.Name} ({s.ReasonText})")));
        }
    }

    private string List => string.Join(", ", Names);

    private static readonly System.Text.CompositeFormat SkippedFormat = System.Text.CompositeFormat.Parse(SkippedText);
}
