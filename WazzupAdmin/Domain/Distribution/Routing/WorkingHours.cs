using System.Globalization;

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

    /// <summary>The weekdays Monday first, as a week is read in the console.</summary>
    public static IReadOnlyList<DayOfWeek> Week { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>The stored form of a week's hours, Monday first: <c>Mon 09:00-18:00; Fri 22:00-02:00</c>.</summary>
    public static string Format(IEnumerable<DayHours> days) =>
        string.Join("; ", (days ?? []).OrderBy(d => ((int)d.Day + 6) % 7).ThenBy(d => d.Opens)
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{Abbreviation(d.Day)} {d.Opens:HH\\:mm}-{d.Closes:HH\\:mm}")));

    /// <summary>Reads <see cref="Format"/>'s form back; null when it is not that form.</summary>
    public static IReadOnlyList<DayHours>? Parse(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return [];
        }

        var days = new List<DayHours>();
        foreach (var part in stored.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(' ', '-');
            DayOfWeek? day = pieces.Length == 3 && Week.Any(d => Abbreviation(d) == pieces[0]) ? Week.First(d => Abbreviation(d) == pieces[0]) : null;
            if (day is null
                || !TimeOnly.TryParseExact(pieces[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens)
                || !TimeOnly.TryParseExact(pieces[2], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes))
            {
                return null;
            }

            days.Add(new DayHours(day.Value, opens, closes));
        }

        return days;
    }

    private static string Abbreviation(DayOfWeek day) => day.ToString()[..3];

    /// <summary>Whether the system knows the time zone (IANA ids, as the console stores them).</summary>
    public static bool IsKnownTimeZone(string? id) => !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
