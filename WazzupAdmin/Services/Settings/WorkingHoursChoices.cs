using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Distribution.Routing;

namespace WazzupAdmin.Services.Settings;

/// <summary>A channel's working hours on the new-clients page.</summary>
/// <param name="TimeZone">The zone the hours are read in (an IANA id); null while the channel is always open.</param>
/// <param name="Days">The days it opens, at most one range each; a close at or before the opening runs past midnight.</param>
/// <param name="OutsideHours">What happens to a new client who writes while it is closed.</param>
public sealed record WorkingHoursChoices(string? TimeZone, IReadOnlyList<DayHours> Days, OutsideHoursChoice OutsideHours = OutsideHoursChoice.Queue)
{
    public const string TimeZoneField = "HoursTimeZone";
    public const string DaysField = "WeeklyHours";
    public const string UnknownTimeZone = "Choose a time zone from the list.";
    public const string NoDays = "Open the channel on at least one day, or switch working hours off.";
    public const string DayTwice = "Give each day one opening and one closing time.";
    public const string UnknownChoice = "Choose what happens outside working hours.";

    public static WorkingHoursChoices AlwaysOpen { get; } = new(null, []);

    public bool IsOn => TimeZone is not null;

    public static WorkingHoursChoices Of(Channel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return new WorkingHoursChoices(channel.HoursTimeZone, WorkingHours.Parse(channel.WeeklyHours) ?? [], channel.OutsideHours);
    }

    /// <summary>What is wrong with the choices, next to its field; null when they can be saved.</summary>
    public FieldError? Check()
    {
        if (!Enum.IsDefined(OutsideHours))
        {
            return new FieldError(DaysField, UnknownChoice);
        }

        if (!IsOn)
        {
            return null;
        }

        if (!WorkingHours.IsKnownTimeZone(TimeZone))
        {
            return new FieldError(TimeZoneField, UnknownTimeZone);
        }

        if (Days.Count == 0)
        {
            return new FieldError(DaysField, NoDays);
        }

        return Days.DistinctBy(d => d.Day).Count() != Days.Count || Days.Any(d => !Enum.IsDefined(d.Day))
            ? new FieldError(DaysField, DayTwice)
            : null;
    }

    /// <summary>The audit log's text: the zone and the week, or that the channel is always open.</summary>
    public string Describe() => IsOn ? $"{TimeZone}: {WorkingHours.Format(Days)}" : AlwaysOpenText;

    public const string AlwaysOpenText = "Always open";
}
