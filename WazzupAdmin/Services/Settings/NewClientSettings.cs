using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Services.Settings;

public sealed record NewClientSettings(
    ChannelHeader Channel, IReadOnlyList<FunnelOption> Funnels, string? FunnelId, string? StageId,
    DistributionAlgorithm Algorithm, IReadOnlyList<EligibleRep> EligibleReps)
{
    public RoutingChoices Routing { get; init; } = new(false, null);

    public OfferTimeoutChoices OfferTimeout { get; init; } = new(Minutes: null);
    public WorkingHoursChoices Hours { get; init; } = WorkingHoursChoices.AlwaysOpen;

    /// <summary>Set while the CRM has removed the channel's stage and nobody has chosen again; a save clears it.</summary>
    public StageRemovedWarning? StageRemoved { get; init; }
}

public sealed record StageOption(string Id, string Name);

public sealed record FunnelOption(string Id, string Name, IReadOnlyList<StageOption> Stages)
{
    /// <summary>A funnel loaded with its stages, the stages in the CRM's order.</summary>
    public static FunnelOption From(Funnel funnel) =>
        new(funnel.Id, funnel.Name, [.. funnel.Stages.OrderBy(s => s.Position).Select(s => new StageOption(s.Id, s.Name))]);
}

public sealed record EligibleRep(string UserId, string Name);
