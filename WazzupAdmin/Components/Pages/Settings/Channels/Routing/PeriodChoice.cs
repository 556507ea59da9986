using WazzupAdmin.Domain.Distribution.Stats;

namespace WazzupAdmin.Components.Pages.Settings.Channels.Routing;

/// <summary>What the administrator chose on the period picker: a preset, or two days for a custom period.</summary>
public sealed record PeriodChoice(StatsPreset Preset, DateTime? From = null, DateTime? To = null)
{
    public StatsPeriod PeriodAt(DateTimeOffset now) => StatsPeriod.For(
        Preset, now, From is { } from ? DateOnly.FromDateTime(from) : null, To is { } to ? DateOnly.FromDateTime(to) : null);
}
