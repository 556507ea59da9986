using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Audit;

namespace WazzupAdmin.Services.Settings;

/// <summary>Where deals for a channel's new clients are created, and how those clients are distributed.</summary>
public sealed class NewClientSettingsService(IDbContextFactory<AppDbContext> dbFactory, CurrentActor currentActor, TimeProvider clock, Routing.QueueSignal queue)
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
            Routing = new RoutingChoices(channel.OnlyOnlineRepsReceiveNewClients, channel.MaxUnansweredPerRep, channel.QueuePerRepPerMinute, channel.ReturningClients),
            OfferTimeout = new OfferTimeoutChoices(channel.OfferTimeoutMinutes, channel.OfferMaxMoves, channel.OfferWidenTo),
            Hours = WorkingHoursChoices.Of(channel),
            StageRemoved = (await StageRemovedWarning.ForChannelsAsync(db, [channelId], cancellationToken)).GetValueOrDefault(channelId),
        };
    }

    /// <param name="routing">The routing choices; null leaves them as they are.</param>
    /// <param name="offerTimeout">The offer timeout; null leaves it as it is.</param>
    /// <param name="hours">The working hours; null leaves them as they are.</param>
    public async Task<SaveOutcome> SaveAsync(
        Guid channelId, long expectedVersion, string? funnelId, string? stageId, DistributionAlgorithm algorithm, RoutingChoices? routing = null,
        OfferTimeoutChoices? offerTimeout = null, WorkingHoursChoices? hours = null, CancellationToken cancellationToken = default)
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

        if (Check(algorithm, routing, offerTimeout, hours) is { } invalid)
        {
            return SaveOutcome.Invalid(invalid);
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

            if (channel.QueuePerRepPerMinute != routing.QueuePerRepPerMinute)
            {
                db.Record(actor, now, channel, AuditText.QueuePerRepPerMinute, AuditText.Limit(channel.QueuePerRepPerMinute), AuditText.Limit(routing.QueuePerRepPerMinute));
                channel.QueuePerRepPerMinute = routing.QueuePerRepPerMinute;
            }

            if (channel.ReturningClients != routing.ReturningClients)
            {
                db.Record(actor, now, channel, AuditText.ReturningClients, AuditText.Returning(channel.ReturningClients), AuditText.Returning(routing.ReturningClients));
                channel.ReturningClients = routing.ReturningClients;
            }
        }

        if (offerTimeout is not null)
        {
            RecordOfferTimeout(db, actor, now, channel, offerTimeout);
        }

        if (hours is not null)
        {
            RecordHours(db, actor, now, channel, hours);
        }

        channel.FunnelId = funnel.Id;
        channel.StageId = stage.Id;
        channel.Algorithm = algorithm;

        // The administrator has chosen again: the warning about the stage the CRM removed ends.
        channel.StageRemovedAtUtc = null;
        channel.RemovedStageName = null;
        channel.RemovedFunnelId = null;
        channel.RemovedStageId = null;
        var outcome = await ChannelVersioning.SaveAsync(db, channel, expectedVersion, cancellationToken);
        if (outcome.Status == SaveStatus.Saved)
        {
            // Someone may be able to take the channel's waiting clients now.
            queue.Wake();
        }

        return outcome;
    }

    /// <summary>
    /// What is wrong with the choices, next to its field, or null when they can be saved: the checks a save makes
    /// before it reads the store, which a dry run makes too.
    /// </summary>
    public static FieldError? Check(DistributionAlgorithm algorithm, RoutingChoices? routing, OfferTimeoutChoices? offerTimeout, WorkingHoursChoices? hours)
    {
        if (!Enum.IsDefined(algorithm))
        {
            return new FieldError("Algorithm", "Choose a distribution algorithm.");
        }

        if (routing?.MaxUnansweredPerRep is < 1 or > RoutingChoices.MaxCapacity)
        {
            return new FieldError(RoutingChoices.CapacityField, RoutingChoices.CapacityRange);
        }

        if (routing is { QueuePerRepPerMinute: < QueueDrain.MinPerRepPerMinute or > QueueDrain.MaxPerRepPerMinute })
        {
            return new FieldError(RoutingChoices.PaceField, RoutingChoices.PaceRange);
        }

        if (routing is not null && !Enum.IsDefined(routing.ReturningClients))
        {
            return new FieldError(RoutingChoices.ReturningClientsField, RoutingChoices.ReturningClientsUnknown);
        }

        if (offerTimeout?.Minutes is < 1 or > OfferTimeoutSettings.MaxMinutes)
        {
            return new FieldError(OfferTimeoutChoices.MinutesField, OfferTimeoutChoices.MinutesRange);
        }

        if (offerTimeout is { MaxMoves: < 0 or > OfferTimeoutSettings.MaxMovesLimit } || (offerTimeout is not null && !Enum.IsDefined(offerTimeout.WidenTo)))
        {
            return new FieldError(OfferTimeoutChoices.MovesField, OfferTimeoutChoices.MovesRange);
        }

        return hours?.Check();
    }

    /// <summary>
    /// Applies the offer timeout with an audit entry per change. Offers already running keep the due time they were
    /// given; switching timeouts off stops them when they come due (nothing moves).
    /// </summary>
    private static void RecordOfferTimeout(AppDbContext db, Actor actor, DateTime now, Channel channel, OfferTimeoutChoices offerTimeout)
    {
        if (channel.OfferTimeoutMinutes != offerTimeout.Minutes)
        {
            db.Record(actor, now, channel, AuditText.OfferTimeout, AuditText.Limit(channel.OfferTimeoutMinutes, AuditText.Off), AuditText.Limit(offerTimeout.Minutes, AuditText.Off));
            channel.OfferTimeoutMinutes = offerTimeout.Minutes;
        }

        if (channel.OfferMaxMoves != offerTimeout.MaxMoves)
        {
            db.Record(actor, now, channel, AuditText.OfferMaxMoves, AuditText.Limit(channel.OfferMaxMoves), AuditText.Limit(offerTimeout.MaxMoves));
            channel.OfferMaxMoves = offerTimeout.MaxMoves;
        }

        if (channel.OfferWidenTo != offerTimeout.WidenTo)
        {
            db.Record(actor, now, channel, AuditText.OfferWidenTo, AuditText.WidenTo(channel.OfferWidenTo), AuditText.WidenTo(offerTimeout.WidenTo));
            channel.OfferWidenTo = offerTimeout.WidenTo;
        }
    }

    private static void RecordHours(AppDbContext db, Actor actor, DateTime now, Channel channel, WorkingHoursChoices hours)
    {
        var before = WorkingHoursChoices.Of(channel);
        if (before.Describe() != hours.Describe())
        {
            db.Record(actor, now, channel, AuditText.WorkingHours, before.Describe(), hours.Describe());
            channel.HoursTimeZone = hours.TimeZone;
            channel.WeeklyHours = hours.IsOn ? WorkingHours.Format(hours.Days) : "";
        }

        if (channel.OutsideHours != hours.OutsideHours)
        {
            db.Record(actor, now, channel, AuditText.OutsideHours, AuditText.OutsideHoursChoice(channel.OutsideHours), AuditText.OutsideHoursChoice(hours.OutsideHours));
            channel.OutsideHours = hours.OutsideHours;
        }
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
