using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;

namespace WazzupAdmin.Services.Settings;

/// <summary>
/// The CRM removed the funnel or stage a channel created new clients' deals in: which one, and where new deals go
/// instead (null when the CRM has no stage left) until an administrator chooses again.
/// </summary>
public sealed record StageRemovedWarning(string RemovedStage, string? FallbackStage)
{
    /// <summary>The warnings of the flagged channels among <paramref name="channelIds"/> (all channels when null).</summary>
    internal static async Task<Dictionary<Guid, StageRemovedWarning>> ForChannelsAsync(
        AppDbContext db, IReadOnlyCollection<Guid>? channelIds, CancellationToken cancellationToken)
    {
        var query = db.Channels.AsNoTracking().Where(c => c.StageRemovedAtUtc != null);
        if (channelIds is not null)
        {
            query = query.Where(c => channelIds.Contains(c.Id));
        }

        var rows = await query
            .Select(c => new { c.Id, c.RemovedStageName, FunnelName = c.Stage!.Funnel!.Name, StageName = c.Stage.Name })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(
            r => r.Id,
            r => new StageRemovedWarning(r.RemovedStageName ?? "", r.StageName is null ? null : $"{r.FunnelName} / {r.StageName}"));
    }
}
