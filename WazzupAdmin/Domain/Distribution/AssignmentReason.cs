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

    public static AssignmentReason NobodyEligible() => new(AssignmentReasonKind.NobodyEligible, null, null, []);

    /// <param name="after">The rep who had the previous turn; null for the channel's first.</param>
    public static AssignmentReason InTurn(string? after, IReadOnlyList<string> eligible) => new(AssignmentReasonKind.InTurn, after, null, eligible);

    public static AssignmentReason Offered(IReadOnlyList<string> offeredTo) => new(AssignmentReasonKind.FirstResponderOffered, null, null, offeredTo);

    public static AssignmentReason Claimed(string repliedFirst, IReadOnlyList<string> offeredTo) =>
        new(AssignmentReasonKind.FirstResponderClaimed, repliedFirst, null, offeredTo);

    public static AssignmentReason AssignedBy(string assigner, string? previous) => new(AssignmentReasonKind.AssignedBy, assigner, previous, []);

    public static AssignmentReason SetByCrm(string source) => new(AssignmentReasonKind.SetByCrm, source, null, []);

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
        _ => ("{0}", [Text ?? ""]),
    };

    /// <summary>The sentence in English, as it is also stored beside the facts for whoever reads the raw store.</summary>
    public string English
    {
        get
        {
            var (template, arguments) = Sentence;
            return string.Format(CultureInfo.InvariantCulture, template, arguments);
        }
    }

    private string List => string.Join(", ", Names);
}
