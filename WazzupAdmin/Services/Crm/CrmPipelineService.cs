using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Audit;

namespace WazzupAdmin.Services.Crm;

/// <summary>
/// The CRM's funnels (pipelines) and stages, which each push replaces whole. A channel whose funnel or stage the CRM
/// removed keeps working: its new deals go to a fallback stage, and the settings warn until the CRM sends the stage again
/// (the channel goes back to it) or an administrator chooses (see <see cref="NewClientStage"/>).
/// </summary>
public sealed class CrmPipelineService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<CrmPipelineDto>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var funnels = await db.Funnels.AsNoTracking().Include(f => f.Stages).OrderBy(f => f.Position).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        return
        [
            .. funnels.Select(f => new CrmPipelineDto(
                f.Id, f.Name,
                f.Stages.Count == 0 ? null : [.. f.Stages.OrderBy(s => s.Position).Select(s => new CrmStageDto(s.Id, s.Name))])),
        ];
    }

    /// <summary>Replaces the funnels and stages with these, in this order, in one transaction.</summary>
    public async Task<CrmPushOutcome> ReplaceAsync(IReadOnlyList<CrmPipelineDto?> pipelines, string source, CancellationToken cancellationToken = default)
    {
        if (pipelines.Count > CrmSync.MaxEntities)
        {
            return CrmPushOutcome.TooMany(pipelines.Count);
        }

        // An empty list would remove every funnel and stage and move every channel off its stage: a CRM that lost its
        // pipelines by mistake must not wipe the console's settings, so it is refused and nothing changes.
        if (pipelines.Count == 0)
        {
            return CrmPushOutcome.Invalid([new CrmEntityError(0, null, [new CrmFieldProblem("", CrmProblem.EmptyList)])]);
        }

        var errors = Validate(pipelines);
        if (errors.Count > 0)
        {
            return CrmPushOutcome.Invalid(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var funnels = await db.Funnels.Include(f => f.Stages).ToDictionaryAsync(f => f.Id, StringComparer.Ordinal, cancellationToken);
        var oldNames = funnels.Values.SelectMany(f => f.Stages.Select(s => (Key: (f.Id, s.Id), Name: $"{f.Name} / {s.Name}")))
            .ToDictionary(x => x.Key, x => x.Name);

        // 1. Add and update what the CRM sent.
        var kept = new HashSet<(string, string)>();
        for (var i = 0; i < pipelines.Count; i++)
        {
            var p = pipelines[i]!;
            if (!funnels.TryGetValue(p.Id!, out var funnel))
            {
                funnel = new Funnel { Id = p.Id! };
                db.Funnels.Add(funnel);
            }

            funnel.Name = p.Name!.Trim();
            funnel.Position = i;
            var stages = p.Stages ?? [];
            for (var s = 0; s < stages.Count; s++)
            {
                var sent = stages[s]!;
                var stage = funnel.Stages.FirstOrDefault(x => x.Id == sent.Id);
                if (stage is null)
                {
                    stage = new Stage { FunnelId = funnel.Id, Id = sent.Id! };
                    funnel.Stages.Add(stage);
                }

                stage.Name = sent.Name!.Trim();
                stage.Position = s;
                kept.Add((funnel.Id, stage.Id));
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        // 2. Channels whose stage is gone fall back before it goes, and say so; a channel whose chosen stage the CRM sent
        //    again goes back to it.
        var sentIds = pipelines.Select(p => p!.Id!).ToHashSet(StringComparer.Ordinal);
        var newNames = pipelines.SelectMany(p => (p!.Stages ?? []).Select(s => (Key: (p.Id!, s!.Id!), Name: $"{p.Name!.Trim()} / {s.Name!.Trim()}")))
            .ToDictionary(x => x.Key, x => x.Name);
        List<PipelineStages> sentStages = [.. pipelines.Select(p => new PipelineStages(p!.Id!, [.. (p.Stages ?? []).Select(s => s!.Id!)]))];
        var channels = await db.Channels.Where(c => (c.FunnelId != null && c.StageId != null) || c.StageRemovedAtUtc != null).ToListAsync(cancellationToken);
        var actor = new Actor("", CrmSync.ActorName(source));
        foreach (var channel in channels)
        {
            var current = channel.FunnelId is not null && channel.StageId is not null ? new StageRef(channel.FunnelId, channel.StageId) : null;
            var warned = channel.StageRemovedAtUtc is not null;
            var chosen = !warned ? current
                : channel.RemovedFunnelId is not null && channel.RemovedStageId is not null ? new StageRef(channel.RemovedFunnelId, channel.RemovedStageId)
                : null;
            var placement = NewClientStage.Place(chosen, current, sentStages);

            if (placement.IsChoice)
            {
                if (!warned)
                {
                    continue;
                }

                db.Record(actor, now, channel, AuditText.CrmRestoredNewClientStage, Describe(current, oldNames), Describe(placement.Stage, newNames));
                channel.StageRemovedAtUtc = null;
                channel.RemovedStageName = null;
                channel.RemovedFunnelId = null;
                channel.RemovedStageId = null;
            }
            else
            {
                if (warned && placement.Stage == current)
                {
                    continue;
                }

                db.Record(actor, now, channel, AuditText.CrmRemovedNewClientStage, Describe(current, oldNames), Describe(placement.Stage, newNames));

                // A channel already warned keeps the choice, and the name it had, from the first removal.
                if (!warned)
                {
                    channel.StageRemovedAtUtc = now;
                    channel.RemovedStageName = FieldRules.Truncate(Describe(current, oldNames)!, FieldLimits.PipelineName + FieldLimits.StageName + 3);
                    channel.RemovedFunnelId = current?.FunnelId;
                    channel.RemovedStageId = current?.StageId;
                }
            }

            channel.FunnelId = placement.Stage?.FunnelId;
            channel.StageId = placement.Stage?.StageId;
            channel.Version++;
        }

        await db.SaveChangesAsync(cancellationToken);

        // 3. Remove what the CRM no longer has.
        foreach (var funnel in funnels.Values)
        {
            if (!sentIds.Contains(funnel.Id))
            {
                db.Funnels.Remove(funnel);
                continue;
            }

            foreach (var stage in funnel.Stages.Where(s => !kept.Contains((funnel.Id, s.Id))).ToList())
            {
                funnel.Stages.Remove(stage);
                db.Stages.Remove(stage);
            }
        }

        await CrmSync.RecordPushAsync(db, CrmPushKinds.Pipelines, pipelines.Count, source, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CrmPushOutcome.Stored(pipelines.Count);
    }

    /// <summary>"Funnel / Stage" as <paramref name="names"/> has it, or the ids of a stage it does not know.</summary>
    private static string? Describe(StageRef? stage, Dictionary<(string, string), string> names) =>
        stage is null ? null : names.GetValueOrDefault((stage.FunnelId, stage.StageId), $"{stage.FunnelId} / {stage.StageId}");

    private static List<CrmEntityError> Validate(IReadOnlyList<CrmPipelineDto?> pipelines)
    {
        var errors = new List<CrmEntityError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < pipelines.Count; i++)
        {
            if (pipelines[i] is not { } p)
            {
                errors.Add(new CrmEntityError(i, null, [new CrmFieldProblem("", CrmProblem.NotAnObject)]));
                continue;
            }

            var problems = new List<CrmFieldProblem>();
            CrmSync.Required(problems, "id", p.Id, FieldLimits.PipelineId);
            CrmSync.Duplicate(problems, seen, p.Id);
            CrmSync.Required(problems, "name", p.Name, FieldLimits.PipelineName);
            if (p.Stages is { Count: 0 })
            {
                problems.Add(new CrmFieldProblem("stages", CrmProblem.EmptyStages));
            }

            var stageIds = new HashSet<string>(StringComparer.Ordinal);
            for (var s = 0; s < (p.Stages?.Count ?? 0); s++)
            {
                var field = $"stages[{s}]";
                if (p.Stages![s] is not { } stage)
                {
                    problems.Add(new CrmFieldProblem(field, CrmProblem.NotAnObject));
                    continue;
                }

                CrmSync.Required(problems, field + ".id", stage.Id, FieldLimits.StageId);
                if (!string.IsNullOrWhiteSpace(stage.Id) && !stageIds.Add(stage.Id))
                {
                    problems.Add(new CrmFieldProblem(field + ".id", CrmProblem.DuplicateId, stage.Id));
                }

                CrmSync.Required(problems, field + ".name", stage.Name, FieldLimits.StageName);
            }

            if (problems.Count > 0)
            {
                errors.Add(new CrmEntityError(i, p.Id, problems));
            }
        }

        return errors;
    }
}
