namespace WazzupAdmin.Domain.Distribution;

/// <summary>What the channel's algorithm decided for one new client.</summary>
/// <param name="AssignedTo">The rep made responsible at once (in turn), or null.</param>
/// <param name="OfferedTo">The reps who see the unclaimed client until one replies (first responder).</param>
/// <param name="Reason">Why, as facts an administrator reads later in their own language.</param>
public sealed record DistributionDecision(string? AssignedTo, IReadOnlyList<string> OfferedTo, AssignmentReason Reason);
