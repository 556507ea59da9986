using System.Globalization;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Components.Pages.Settings.Channels.NewClients;

/// <summary>The working hours as the new-clients page edits them: a row per weekday, times as the time inputs give them.</summary>
public sealed class WorkingHoursDraft
{
    public const string MissingTime = "Enter an opening and a closing time for each open day.";
    private const string DefaultOpens = "09:00";
    private const string DefaultCloses = "18:00";

    public sealed class Day(DayOfWeek weekday)
    {
        public DayOfWeek Weekday { get; } = weekday;
        public bool Open { get; set; }
        public string Opens { get; set; } = DefaultOpens;
        public string Closes { get; set; } = DefaultCloses;
    }

    public bool On { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public OutsideHoursChoice OutsideHours { get; set; }
    public IReadOnlyList<Day> Days { get; } = [.. WorkingHours.Week.Select(d => new Day(d))];

    public static WorkingHoursDraft From(WorkingHoursChoices choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var draft = new WorkingHoursDraft { On = choices.IsOn, TimeZone = choices.TimeZone ?? "UTC", OutsideHours = choices.OutsideHours };
        foreach (var hours in choices.Days)
        {
            var day = draft.Days.First(d => d.Weekday == hours.Day);
            (day.Open, day.Opens, day.Closes) = (true, Text(hours.Opens), Text(hours.Closes));
        }

        if (!draft.On)
        {
            // Switching hours on starts from an ordinary working week.
            foreach (var day in draft.Days.Where(d => d.Weekday is not (DayOfWeek.Saturday or DayOfWeek.Sunday)))
            {
                day.Open = true;
            }
        }

        return draft;
    }

    /// <summary>The choices to save, or the error to show next to the week when an open day lacks a time.</summary>
    public (WorkingHoursChoices? Choices, FieldError? Error) ToChoices()
    {
        if (!On)
        {
            return (WorkingHoursChoices.AlwaysOpen with { OutsideHours = OutsideHours }, null);
        }

        var days = new List<DayHours>();
        foreach (var day in Days.Where(d => d.Open))
        {
            if (!TryTime(day.Opens, out var opens) || !TryTime(day.Closes, out var closes))
            {
                return (null, new FieldError(WorkingHoursChoices.DaysField, MissingTime));
            }

            days.Add(new DayHours(day.Weekday, opens, closes));
        }

        return (new WorkingHoursChoices(TimeZone, days, OutsideHours), null);
    }

    private static string Text(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    // A time input gives HH:mm, or HH:mm:ss where seconds are shown.
    private static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
