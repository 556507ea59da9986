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
    /// Whole days in UTC, today included: today; the last 7 days (today and the 6 before); the last 30 days; or custom,
    /// from <paramref name="from"/> to <paramref name="to"/>, both included (swapped when given the wrong way round,
    /// shortened to the last <see cref="MaxDays"/>). Ending at the next midnight rather than at the clock's reading keeps
    /// what happened this very moment inside the period on every store, whatever precision it keeps times in.
    /// </summary>
    public static StatsPeriod For(StatsPreset preset, DateTimeOffset now, DateOnly? from = null, DateOnly? to = null)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var (first, last) = preset switch
        {
            StatsPreset.Today => (today, today),
            StatsPreset.Last7Days => (today.AddDays(-6), today),
            StatsPreset.Last30Days => (today.AddDays(-29), today),
            _ => (from ?? today, to ?? from ?? today),
        };
        if (last < first)
        {
            (first, last) = (last, first);
        }

        if (last.DayNumber - first.DayNumber >= MaxDays)
        {
            first = last.AddDays(-(MaxDays - 1));
        }

        return new StatsPeriod(first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
    }

    /// <summary>The first day of the period.</summary>
    public DateOnly FirstDay => DateOnly.FromDateTime(FromUtc);

    /// <summary>The last day of the period, included.</summary>
    public DateOnly LastDay => DateOnly.FromDateTime(ToUtc.AddTicks(-1));

    public bool Contains(DateTime atUtc) => atUtc >= FromUtc && atUtc < ToUtc;
}
