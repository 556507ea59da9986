namespace WazzupAdmin.Domain.Distribution;

/// <summary>Why a client's responsible user changes.</summary>
public enum HandoverKind
{
    /// <summary>First responder: a rep's first reply to an offered client.</summary>
    Claimed,

    /// <summary>An administrator or a manager of the channel chose the rep.</summary>
    Assigned,

    /// <summary>In turn: the rep did not reply in time and the client moved on (or to the managers).</summary>
    TimedOut,

    /// <summary>A client who waited in the channel's queue was handed to a rep who can take them now.</summary>
    FromQueue,

    /// <summary>A known client wrote while their responsible user is gone.</summary>
    Returning,
}

/// <summary>
/// A client's responsible user changing from <paramref name="From"/> to <paramref name="To"/> (null: nobody, the
/// managers see the client). The contact always follows; the client's new deal follows as this says.
/// </summary>
public sealed record Handover(string? From, string? To, HandoverKind Kind)
{
    /// <summary>
    /// Who the client's new deal is with afterwards. A claim or an assignment is someone's explicit choice, and the deal
    /// goes with the contact. A move the console makes on its own (a timeout, the queue, a returning client) takes the
    /// deal along only while it is still with whom the contact was with: a deal the CRM gave to someone else stays theirs.
    /// </summary>
    public string? DealAfter(string? dealResponsible) =>
        Kind is HandoverKind.Claimed or HandoverKind.Assigned || dealResponsible == From ? To : dealResponsible;
}
