using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Services.Audit;

public sealed record AuditRow(long Id, DateTime AtUtc, string ActorName, string? ChannelName, string What, string? Subject, string? OldValue, string? NewValue);

public sealed record AuditFilterOption(string Value, string Label);

/// <summary>Reads the audit log, newest first.</summary>
public sealed class AuditLogService(IDbContextFactory<AppDbContext> dbFactory, CurrentActor currentActor)
{
    public async Task<Paged<AuditRow>> QueryAsync(Guid? channelId, string? actorAccountId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (channelId is not null)
        {
            query = query.Where(a => a.ChannelId == channelId);
        }

        if (!string.IsNullOrEmpty(actorAccountId))
        {
            query = query.Where(a => a.ActorAccountId == actorAccountId);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Skip(skip).Take(take)
            .Select(a => new AuditRow(a.Id, a.AtUtc, a.ActorName, a.ChannelName, a.What, a.Subject, a.OldValue, a.NewValue))
            .ToListAsync(cancellationToken);
        return new Paged<AuditRow>(items, total);
    }

    /// <summary>The channels and the people that appear in the log, for its filters.</summary>
    public async Task<(IReadOnlyList<AuditFilterOption> Channels, IReadOnlyList<AuditFilterOption> Actors)> FilterOptionsAsync(CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channels = await db.Channels.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new AuditFilterOption(c.Id.ToString(), c.Name)).ToListAsync(cancellationToken);
        var actors = await db.AuditEntries.AsNoTracking()
            .GroupBy(a => a.ActorAccountId)
            .Select(g => new AuditFilterOption(g.Key, g.Max(a => a.ActorName)!))
            .ToListAsync(cancellationToken);
        return (channels, [.. actors.OrderBy(a => a.Label, StringComparer.CurrentCultureIgnoreCase)]);
    }
}
