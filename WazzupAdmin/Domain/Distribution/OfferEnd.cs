namespace WazzupAdmin.Domain.Distribution;

/// <summary>What happened to a client that ends (some of) their offer.</summary>
public enum OfferEndCause
{
    /// <summary>A first responder's reply claimed the client.</summary>
    Claimed,

    /// <summary>An administrator or a manager of the channel chose the rep.</summary>
    Assigned,

    /// <summary>The CRM set the contact's responsible user.</summary>
    SetByCrm,

    /// <summary>Someone answered the client without taking them (a manager, the responsible rep).</summary>
    Answered,
}

/// <summary>
/// What of a client's offer ends: the reps it is offered to, its timeout together with the managers' timed-out alert,
/// and its place in the channel's queue. The one rule for which of them each event clears.
/// </summary>
public readonly record struct OfferEnd(bool Offers, bool Timeout, bool Queue)
{
    public static OfferEnd When(OfferEndCause cause) => cause switch
    {
        // Someone is responsible now: nobody else is offered the client and no timeout moves them on. A queued client is
        // offered to nobody, so no reply claims one, and the CRM's choice leaves the queue when the queue next looks.
        OfferEndCause.Claimed or OfferEndCause.SetByCrm => new(Offers: true, Timeout: true, Queue: false),

        // An assignment may pick a client still waiting in the queue, who stops waiting at once.
        OfferEndCause.Assigned => new(Offers: true, Timeout: true, Queue: true),

        // The client has an answer, so no timeout runs on; an answer that takes nobody leaves the offers as they are.
        OfferEndCause.Answered => new(Offers: false, Timeout: true, Queue: false),
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };
}
