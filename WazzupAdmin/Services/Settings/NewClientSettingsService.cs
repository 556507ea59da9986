using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Audit;

namespace WazzupAdmin.Services.Settings;

public sealed record StageOption(string Id, string Name);

public sealed record FunnelOption(string Id, string Name, IReadOnlyList<StageOption> Stages)
{
    /// <summary>A funnel loaded with its stages, the stages in the CRM's order.</summary>
    public static FunnelOption From(Funnel funnel) =>
        new(funnel.Id, funnel.Name, [.. funnel.Stages.OrderBy(s => s.Position).Select(s => new StageOption(s.Id, s.Name))]);
}

public sealed record EligibleRep(string UserId, string Name);

/// <summary>A channel's routing choices on the new-clients page.</summary>
/// <param name="OnlyOnlineReps">Only sales reps at their chat window receive new clients.</param>
/// <param name="MaxUnansweredPerRep">The most unanswered clients a rep may hold before being skipped; null for no limit.</param>
public sealed record RoutingChoices(bool OnlyOnlineReps, int? MaxUnansweredPerRep)
{
    public const int MaxCapacity = 1000;
    public const string CapacityField = "MaxUnansweredPerRep";
    public const string CapacityRange = "Enter a whole number from 1 to 1000, or leave it empty for no limit.";
}

public sealed record NewClientSettings(
    ChannelHeader Channel, IReadOnlyList<FunnelOption> Funnels, string? FunnelId, string? StageId,
    DistributionAlgorithm Algorithm, IReadOnlyList<EligibleRep> EligibleReps)
{
    public RoutingChoices Routing { get; init; } = new(false, null);

    /// <summary>Set while the CRM has removed the channel's stage and nobody has chosen again; a save clears it.</summary>
    public StageRemovedWarning? StageRemoved { get; init; }
}

/// <summary>Where deals for a channel's new clients are created, and how those clients are distributed.</summary>
public sealed class NewClientSettingsService(IDbContextFactory<AppDbContext> dbFactory, CurrentActor currentActor, TimeProvider clock)
{
    public async Task<NewClientSettings?> LoadAsync(Guid channelId, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channel = await db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        if (channel is null)
        {
            return null;
        }

        var funnels = await db.Funnels.AsNoTracking().Include(f => f.Stages).OrderBy(f => f.Position).ThenBy(f => f.Name)
            .ToListAsync(cancellationToken);
        var eligible = await db.ChannelAccess.AsNoTracking().EligibleForNewClients(channelId)
            .Select(a => new EligibleRep(a.CrmUserId, a.CrmUser!.Name))
            .ToListAsync(cancellationToken);

        return new NewClientSettings(
            ChannelHeader.From(channel),
            [.. funnels.Select(FunnelOption.From)],
            channel.FunnelId,
            channel.StageId,
            channel.Algorithm,
            [.. eligible.OrderBy(e => e.Name, StringComparer.CurrentCultureIgnoreCase)])
        {
            Routing = new RoutingChoices(channel.OnlyOnlineRepsReceiveNewClients, channel.MaxUnansweredPerRep),
            StageRemoved = (await StageRemovedWarning.ForChannelsAsync(db, [channelId], cancellationToken)).GetValueOrDefault(channelId),
        };
    }

    /// <param name="routing">The routing choices; null leaves them as they are.</param>
    public async Task<SaveOutcome> SaveAsync(
        Guid channelId, long expectedVersion, string? funnelId, string? stageId, DistributionAlgorithm algorithm, RoutingChoices? routing = null,
        CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.RequireAdministratorAsync();
        if (string.IsNullOrEmpty(funnelId))
        {
            return SaveOutcome.Invalid(new FieldError("FunnelId", "Choose a funnel."));
        }

        if (string.IsNullOrEmpty(stageId))
        {
            return SaveOutcome.Invalid(new FieldError("StageId", "Choose a stage."));
        }

        if (!Enum.IsDefined(algorithm))
        {
            return SaveOutcome.Invalid(new FieldError("Algorithm", "Choose a distribution algorithm."));
        }

        if (routing?.MaxUnansweredPerRep is < 1 or > RoutingChoices.MaxCapacity)
        {
            return SaveOutcome.Invalid(new FieldError(RoutingChoices.CapacityField, RoutingChoices.CapacityRange));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channel = await db.Channels.FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        if (channel is null)
        {
            return SaveOutcome.NotFound;
        }

        var funnel = await db.Funnels.AsNoTracking().Include(f => f.Stages).FirstOrDefaultAsync(f => f.Id == funnelId, cancellationToken);
        if (funnel is null)
        {
            return SaveOutcome.Invalid(new FieldError("FunnelId", "This funnel no longer exists in the CRM. Reload the page and choose again."));
        }

        var stage = funnel.Stages.FirstOrDefault(s => s.Id == stageId);
        if (stage is null)
        {
            return SaveOutcome.Invalid(new FieldError("StageId", "This stage is not a stage of the chosen funnel. Choose one of its stages."));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var oldStage = await DescribeStageAsync(db, channel.FunnelId, channel.StageId, cancellationToken);
        var newStage = $"{funnel.Name} / {stage.Name}";
        if (oldStage != newStage)
        {
            db.Record(actor, now, channel, AuditText.NewClientStage, oldStage, newStage);
        }

        if (channel.Algorithm != algorithm)
        {
            db.Record(actor, now, channel, AuditText.DistributionAlgorithm, AuditText.Algorithm(channel.Algorithm), AuditText.Algorithm(algorithm));
        }

        if (routing is not null)
        {
            if (channel.OnlyOnlineRepsReceiveNewClients != routing.OnlyOnlineReps)
            {
                db.Record(actor, now, channel, AuditText.OnlyOnlineReps, AuditText.YesNo(channel.OnlyOnlineRepsReceiveNewClients), AuditText.YesNo(routing.OnlyOnlineReps));
                channel.OnlyOnlineRepsReceiveNewClients = routing.OnlyOnlineReps;
            }

            if (channel.MaxUnansweredPerRep != routing.MaxUnansweredPerRep)
            {
                db.Record(actor, now, channel, AuditText.MaxUnansweredPerRep, AuditText.Limit(channel.MaxUnansweredPerRep), AuditText.Limit(routing.MaxUnansweredPerRep));
                channel.MaxUnansweredPerRep = routing.MaxUnansweredPerRep;
            }
        }

        channel.FunnelId = funnel.Id;
        channel.StageId = stage.Id;
        channel.Algorithm = algorithm;

        // The administrator has chosen again: the warning about the stage the CRM removed ends.
        channel.StageRemovedAtUtc = null;
        channel.RemovedStageName = null;
        channel.RemovedFunnelId = null;
        channel.RemovedStageId = null;
        return await ChannelVersioning.SaveAsync(db, channel, expectedVersion, cancellationToken);
    }

    private static async Task<string?> DescribeStageAsync(AppDbContext db, string? funnelId, string? stageId, CancellationToken cancellationToken)
    {
        if (funnelId is null || stageId is null)
        {
            return null;
        }

        var stage = await db.Stages.AsNoTracking().Include(s => s.Funnel)
            .FirstOrDefaultAsync(s => s.FunnelId == funnelId && s.Id == stageId, cancellationToken);
        return stage is null ? null : $"{stage.Funnel!.Name} / {stage.Name}";
    }
}
