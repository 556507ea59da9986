namespace WazzupAdmin.Domain.Distribution;

/// <summary>
/// In turn: eligible sales reps receive new clients one after another in a stable order (by user id).
/// Only the last rep who received a client is remembered, so a rep who stops being eligible is skipped from the
/// next client on and one who becomes eligible joins the rotation at their place in the order.
/// </summary>
public static class Rotation
{
    /// <returns>The rep whose turn it is, or null when nobody is eligible.</returns>
    public static string? Next(IEnumerable<string> eligibleReps, string? lastAssigned)
    {
        ArgumentNullException.ThrowIfNull(eligibleReps);
        var order = eligibleReps.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (order.Count == 0)
        {
            return null;
        }

        if (lastAssigned is null)
        {
            return order[0];
        }

        // The first rep after the last one in the stable order, wrapping round; works whether or not the last one
        // is still eligible.
        return order.FirstOrDefault(rep => string.CompareOrdinal(rep, lastAssigned) > 0) ?? order[0];
    }
}
