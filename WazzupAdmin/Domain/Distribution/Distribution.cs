namespace WazzupAdmin.Domain.Distribution;

/// <summary>What the channel's algorithm decided for one new client.</summary>
/// <param name="AssignedTo">The rep made responsible at once (in turn), or null.</param>
/// <param name="OfferedTo">The reps who see the unclaimed client until one replies (first responder).</param>
/// <param name="Reason">Why, as facts an administrator reads later in their own language.</param>
public sealed record DistributionDecision(string? AssignedTo, IReadOnlyList<string> OfferedTo, AssignmentReason Reason)
{
    public bool IsUnassigned => AssignedTo is null && OfferedTo.Count == 0;
}

public static class NewClientDistribution
{
    /// <summary>Decides who gets a new client, from the channel's algorithm and who is eligible right now.</summary>
    /// <param name="nameOf">Names the reps in the reason an administrator reads; their ids when not given.</param>
    public static DistributionDecision Decide(
        DistributionAlgorithm algorithm, IReadOnlyCollection<string> eligibleReps, string? lastAssigned, Func<string, string>? nameOf = null)
    {
        ArgumentNullException.ThrowIfNull(eligibleReps);
        nameOf ??= id => id;
        if (eligibleReps.Count == 0)
        {
            return new DistributionDecision(null, [], AssignmentReason.NobodyEligible());
        }

        var ordered = eligibleReps.Order(StringComparer.Ordinal).ToList();
        IReadOnlyList<string> eligible = [.. ordered.Select(nameOf)];
        if (algorithm == DistributionAlgorithm.InTurn)
        {
            var next = Rotation.Next(eligibleReps, lastAssigned)!;
            return new DistributionDecision(next, [], AssignmentReason.InTurn(lastAssigned is null ? null : nameOf(lastAssigned), eligible));
        }

        return new DistributionDecision(null, ordered, AssignmentReason.Offered(eligible));
    }
}
