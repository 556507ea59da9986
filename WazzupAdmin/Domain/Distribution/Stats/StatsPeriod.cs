namespace WazzupAdmin.Domain.Distribution.Stats;

public enum StatsPreset
{
    Today,
    Last7Days,
    Last30Days,
    Custom,
}

/// <summary>
/// The period the routing numbers cover, in UTC: from <see cref="FromUtc"/> (included) to <see cref="ToUtc"/> (excluded).
/// Times are UTC, as the store keeps them, so every administrator reads the same numbers for the same period whatever
/// their browser's time zone; the page says so.
/// </summary>
public sealed record StatsPeriod(DateTime FromUtc, DateTime ToUtc)
{
    /// <summary>The longest custom period: a year, so the per-conversation durations read for the percentiles stay bounded.</summary>
    public const int MaxDays = 366;

    /// <summary>
    /// Today: since midnight UTC. The last 7 or 30 days: the days up to now. Custom: the whole days from
    /// <paramref name="from"/> to <paramref name="to"/>, both included (swapped when given the wrong way round, shortened
    /// to <see cref="MaxDays"/>).
    /// </summary>
    public static StatsPeriod For(StatsPreset preset, DateTimeOffset now, DateOnly? from = null, DateOnly? to = null)
    {
        var nowUtc = now.UtcDateTime;
        var end = nowUtc.AddTicks(1);
        switch (preset)
        {
            case StatsPreset.Today:
                return new StatsPeriod(nowUtc.Date, end);
            case StatsPreset.Last7Days:
                return new StatsPeriod(nowUtc.AddDays(-7), end);
            case StatsPreset.Last30Days:
                return new StatsPeriod(nowUtc.AddDays(-30), end);
            default:
                var first = from ?? DateOnly.FromDateTime(nowUtc);
                var last = to ?? first;
                if (last < first)
                {
                    (first, last) = (last, first);
                }

                if (last.DayNumber - first.DayNumber >= MaxDays)
                {
                    first = last.AddDays(-(MaxDays - 1));
                }

                return new StatsPeriod(
                    first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        }
    }

    public bool Contains(DateTime atUtc) => atUtc >= FromUtc && atUtc < ToUtc;
}
