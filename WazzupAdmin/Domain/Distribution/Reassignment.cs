namespace WazzupAdmin.Domain.Distribution;

/// <summary>What an assignment of a client to a sales rep does, as <see cref="Reassignment.Decide"/> decides it.</summary>
public enum ReassignmentOutcome
{
    /// <summary>The rep already has the client and the new deal, and nobody else is offered it: nothing is written.</summary>
    Unchanged,

    /// <summary>Someone else took the client after the view the assignment was made on: refused, nothing is written.</summary>
    Stale,

    /// <summary>The rep becomes responsible.</summary>
    Assign,
}

/// <summary>Who holds a client, as committed when an assignment is decided.</summary>
/// <param name="Responsible">The contact's responsible user; null while the client is unassigned.</param>
/// <param name="Offered">The client is offered to reps (first responder, unclaimed).</param>
/// <param name="HasNewDeal">The client has the deal made for them as a new client.</param>
/// <param name="NewDealResponsible">That deal's responsible user.</param>
public sealed record ClientHolders(string? Responsible, bool Offered, bool HasNewDeal, string? NewDealResponsible);

/// <summary>
/// An administrator or a manager making a sales rep responsible for a client, checked against the view it was made on.
/// Decided inside the write transaction, on what is committed: a first responder's claim that landed a moment before
/// is never overridden by a view that no longer holds.
/// </summary>
public static class Reassignment
{
    /// <param name="holders">Who holds the client now.</param>
    /// <param name="seenResponsible">Who was responsible on the view the assignment was made on; null for an unassigned client.</param>
    /// <param name="to">The rep to be made responsible.</param>
    public static ReassignmentOutcome Decide(ClientHolders holders, string? seenResponsible, string to)
    {
        ArgumentNullException.ThrowIfNull(holders);
        if (holders.Responsible == to && !holders.Offered && (!holders.HasNewDeal || holders.NewDealResponsible == to))
        {
            return ReassignmentOutcome.Unchanged;
        }

        return holders.Responsible is not null && holders.Responsible != seenResponsible && holders.Responsible != to
            ? ReassignmentOutcome.Stale
            : ReassignmentOutcome.Assign;
    }
}
