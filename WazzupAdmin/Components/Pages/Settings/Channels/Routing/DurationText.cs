using Microsoft.Extensions.Localization;
using WazzupAdmin.Resources;

namespace WazzupAdmin.Components.Pages.Settings.Channels.Routing;

/// <summary>A reply time as the table shows it: seconds, minutes and seconds, or hours and minutes.</summary>
public static class DurationText
{
    public static string Render(TimeSpan? duration, IStringLocalizer<Strings> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (duration is not { } d)
        {
            return "—";
        }

        return d.TotalSeconds < 60 ? l["{0} s", (int)Math.Round(d.TotalSeconds)]
            : d.TotalMinutes < 60 ? l["{0} min {1} s", (int)d.TotalMinutes, d.Seconds]
            : l["{0} h {1} min", (int)d.TotalHours, d.Minutes];
    }
}
