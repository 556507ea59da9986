namespace WazzupAdmin.Domain.Security;

/// <summary>
/// "At most <c>limit</c> requests in any <c>window</c>", counted in two fixed windows: the requests of the current
/// window plus those of the previous one weighted by how much of it the sliding window still covers. Two counters per
/// key are all a shared store has to keep, and the estimate is exact when requests are spread evenly over the previous
/// window. The store applies <see cref="Weight"/> itself (so that concurrent requests are counted atomically there);
/// these are the rules it is given and the Retry-After of a refusal.
/// </summary>
public static class SlidingWindowEstimate
{
    /// <summary>The start of the fixed window that holds <paramref name="now"/>: windows are aligned on the epoch.</summary>
    public static DateTime WindowStart(DateTime now, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        return new DateTime(now.Ticks - (now.Ticks % window.Ticks), DateTimeKind.Utc);
    }

    /// <summary>How much of the previous window the sliding window ending at <paramref name="now"/> still covers, 1 to 0.</summary>
    public static double Weight(DateTime now, TimeSpan window)
    {
        var elapsed = (now - WindowStart(now, window)).Ticks / (double)window.Ticks;
        return 1 - elapsed;
    }

    /// <summary>Whether one more request fits, with <paramref name="current"/> and <paramref name="previous"/> counted so far.</summary>
    public static bool Allows(long current, long previous, double weight, int limit) => (previous * weight) + current + 1 <= limit;

    /// <summary>
    /// How long after <paramref name="now"/> one more request fits, if no other comes meanwhile: while the previous
    /// window's weight drops, or, when this window alone is full, once this window becomes the previous one and has
    /// slid far enough out. At least one second, as Retry-After counts whole seconds.
    /// </summary>
    public static TimeSpan RetryAfter(DateTime now, TimeSpan window, long current, long previous, int limit)
    {
        var start = WindowStart(now, window);
        DateTime fits;
        if (current + 1 <= limit)
        {
            // The previous window's share must fall to what is left: previous · w ≤ limit − current − 1.
            fits = start + (window * (1 - ((limit - current - 1) / (double)Math.Max(previous, 1))));
        }
        else
        {
            // In the next window this one is the previous: current · w + 1 ≤ limit.
            fits = start + window + (window * (1 - ((limit - 1) / (double)current)));
        }

        var wait = fits - now;
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }
}
