namespace WazzupAdmin.Services.Crm;

/// <summary>The funnel and stage a deal is in, as every page that shows a deal names them.</summary>
/// <param name="RemovedByCrm">
/// The CRM has since removed the stage (or its funnel): the names are those the deal was created with.
/// </param>
public sealed record DealStage(string FunnelName, string StageName, bool RemovedByCrm)
{
    /// <summary>
    /// From the deal's funnel and stage ids, the names the CRM gives them now (null when it removed them), and the names
    /// the deal kept from when it was put there. Null when the deal is in no funnel (the CRM's API does not send one).
    /// </summary>
    public static DealStage? From(
        string? funnelId, string? stageId, string? currentFunnelName, string? currentStageName, string? keptFunnelName, string? keptStageName)
    {
        if (funnelId is null || stageId is null)
        {
            return null;
        }

        return currentStageName is not null
            ? new DealStage(currentFunnelName ?? keptFunnelName ?? funnelId, currentStageName, false)
            : new DealStage(keptFunnelName ?? currentFunnelName ?? funnelId, keptStageName ?? stageId, true);
    }
}
