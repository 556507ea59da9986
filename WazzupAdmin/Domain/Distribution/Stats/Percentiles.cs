namespace WazzupAdmin.Domain.Distribution.Stats;

/// <summary>
/// Percentiles of a set of durations, by linear interpolation between the two closest ranks (the method spreadsheets call
/// PERCENTILE.INC): the median of an even count is the mean of the two middle values, and the 90th percentile of ten
/// values lies between the ninth and the tenth.
/// </summary>
public static class Percentiles
{
    /// <summary>The <paramref name="percentile"/>th percentile (0 to 100) of <paramref name="values"/>; null when there are none.</summary>
    public static TimeSpan? Of(IReadOnlyCollection<TimeSpan> values, double percentile)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Select(v => v.Ticks).Order().ToArray();
        var rank = percentile / 100 * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        var fraction = rank - lower;
        return TimeSpan.FromTicks(sorted[lower] + (long)Math.Round((sorted[upper] - sorted[lower]) * fraction));
    }

    public static TimeSpan? Median(IReadOnlyCollection<TimeSpan> values) => Of(values, 50);

    public static TimeSpan? P90(IReadOnlyCollection<TimeSpan> values) => Of(values, 90);
}
