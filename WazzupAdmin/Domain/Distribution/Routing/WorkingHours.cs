namespace WazzupAdmin.Domain.Distribution.Routing;

/// <summary>The hours of one weekday during which a channel is open, in the channel's own time zone.</summary>
/// <param name="Closes">Exclusive. A close at or before the opening runs past midnight into the next day.</param>
public sealed record DayHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>What happens to a new client who writes while the channel is closed.</summary>
public enum OutsideHoursChoice
{
    /// <summary>The client waits in the channel's queue until it opens.</summary>
    Queue = 0,

    /// <summary>The client is distributed as at any other time.</summary>
    DistributeAnyway = 1,
}

/// <summary>
/// A channel's weekly hours in a time zone. The times compared are the wall clock of that zone, so a change to or from
/// summer time moves the opening with it, as a shop's opening hours do.
/// </summary>
public sealed record WorkingHours(string TimeZoneId, IReadOnlyList<DayHours> Days)
{
    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>The date and time of day on the channel's wall clock.</summary>
    public DateTime LocalTime(DateTimeOffset now) => TimeZoneInfo.ConvertTime(now, TimeZone).DateTime;

    public bool IsOpen(DateTimeOffset now)
    {
        var local = LocalTime(now);
        var time = TimeOnly.FromDateTime(local);
        foreach (var hours in Days)
        {
            if (hours.Opens < hours.Closes)
            {
                if (hours.Day == local.DayOfWeek && time >= hours.Opens && time < hours.Closes)
                {
                    return true;
                }
            }
            else if ((hours.Day == local.DayOfWeek && time >= hours.Opens)
                     || (NextDay(hours.Day) == local.DayOfWeek && time < hours.Closes))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>When the channel next opens, at or after <paramref name="now"/>; null when it has no hours at all.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset now)
    {
        if (Days.Count == 0)
        {
            return null;
        }

        if (IsOpen(now))
        {
            return now;
        }

        var local = LocalTime(now);
        for (var offset = 0; offset <= 7; offset++)
        {
            var date = DateOnly.FromDateTime(local).AddDays(offset);
            foreach (var hours in Days.Where(d => d.Day == date.DayOfWeek).OrderBy(d => d.Opens))
            {
                var opening = date.ToDateTime(hours.Opens);
                if (opening > local)
                {
                    var utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(opening, DateTimeKind.Unspecified), TimeZone);
                    return new DateTimeOffset(utc, TimeSpan.Zero);
                }
            }
        }

        return null;
    }

    /// <summary>The channel's calendar date at <paramref name="now"/>, which decides whose day off it is.</summary>
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(LocalTime(now));

    private static DayOfWeek NextDay(DayOfWeek day) => (DayOfWeek)(((int)day + 1) % 7);
}
