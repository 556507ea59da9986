namespace WazzupAdmin.Domain.Crm;

/// <summary>One stage of one funnel; stage ids are only unique within their funnel.</summary>
public sealed record StageRef(string FunnelId, string StageId);

/// <summary>A funnel the CRM sent, with its stages' ids in the CRM's order.</summary>
public sealed record PipelineStages(string FunnelId, IReadOnlyList<string> StageIds);

/// <summary>
/// Where a channel's new deals go once the CRM has replaced its pipelines. The administrator's choice is kept while the
/// CRM has removed it, so that the CRM sending the same ids again (a pipeline edited and put back, a push from a
/// backup) makes it the channel's stage again; meanwhile the deals go to a fallback, and the settings say so.
/// </summary>
/// <param name="Stage">Where new deals go; null when the CRM has no stage at all.</param>
/// <param name="IsChoice">True when <paramref name="Stage"/> is the administrator's choice, false for a fallback.</param>
public sealed record NewClientStage(StageRef? Stage, bool IsChoice)
{
    /// <param name="chosen">The stage the administrator chose; null when it is not known (never chosen, or a removal recorded
    /// before choices were kept).</param>
    /// <param name="current">Where the channel's new deals went until now: the choice, or while it was missing, the fallback.</param>
    /// <param name="pipelines">The CRM's funnels as it just sent them, in its order.</param>
    public static NewClientStage Place(StageRef? chosen, StageRef? current, IReadOnlyList<PipelineStages> pipelines)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        if (chosen is not null && Has(pipelines, chosen))
        {
            return new NewClientStage(chosen, IsChoice: true);
        }

        // A fallback the CRM still has stays: new deals do not wander from stage to stage with each push.
        if (current is not null && current != chosen && Has(pipelines, current))
        {
            return new NewClientStage(current, IsChoice: false);
        }

        // The first stage of the funnel the channel was in, or else the first stage the CRM has.
        var funnelId = (chosen ?? current)?.FunnelId;
        var sameFunnel = pipelines.FirstOrDefault(p => p.FunnelId == funnelId && p.StageIds.Count > 0);
        var first = sameFunnel ?? pipelines.FirstOrDefault(p => p.StageIds.Count > 0);
        return new NewClientStage(first is null ? null : new StageRef(first.FunnelId, first.StageIds[0]), IsChoice: false);
    }

    private static bool Has(IReadOnlyList<PipelineStages> pipelines, StageRef stage) =>
        pipelines.Any(p => p.FunnelId == stage.FunnelId && p.StageIds.Contains(stage.StageId, StringComparer.Ordinal));
}
