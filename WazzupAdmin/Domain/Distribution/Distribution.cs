namespace WazzupAdmin.Domain.Distribution;

/// <summary>What the channel's algorithm decided for one new client.</summary>
/// <param name="AssignedTo">The rep made responsible at once (in turn), or null.</param>
/// <param name="OfferedTo">The reps who see the unclaimed client until one replies (first responder).</param>
/// <param name="Reason">Why, in words an administrator reads later; English, as audit entries are.</param>
public sealed record DistributionDecision(string? AssignedTo, IReadOnlyList<string> OfferedTo, string Reason)
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
            return new DistributionDecision(null, [], "Nobody was eligible: no sales rep with “receives new clients” on.");
        }

        var eligible = string.Join(", ", eligibleReps.Order(StringComparer.Ordinal).Select(nameOf));
        if (algorithm == DistributionAlgorithm.RoundRobin)
        {
            var next = RoundRobin.Next(eligibleReps, lastAssigned)!;
            var after = lastAssigned is null ? "first turn" : $"turn after {nameOf(lastAssigned)}";
            return new DistributionDecision(next, [], $"In turn: {after}; eligible: {eligible}.");
        }

        return new DistributionDecision(null, [.. eligibleReps.Order(StringComparer.Ordinal)], $"First responder: offered to {eligible}.");
    }
}
