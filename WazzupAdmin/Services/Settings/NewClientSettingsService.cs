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

public sealed record NewClientSettings(
    ChannelHeader Channel, IReadOnlyList<FunnelOption> Funnels, string? FunnelId, string? StageId,
    DistributionAlgorithm Algorithm, IReadOnlyList<EligibleRep> EligibleReps)
{
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
            StageRemoved = (await StageRemovedWarning.ForChannelsAsync(db, [channelId], cancellationToken)).GetValueOrDefault(channelId),
        };
    }

    public async Task<SaveOutcome> SaveAsync(
        Guid channelId, long expectedVersion, string? funnelId, string? stageId, DistributionAlgorithm algorithm, CancellationToken cancellationToken = default)
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
