using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Messages;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Services.Webhooks;

namespace WazzupAdmin.Services.Messages;

/// <summary>The WABA templates of the workspace's channels, and their moderation (simulated: Meta is not behind the console).</summary>
public sealed class WabaTemplateService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<WabaTemplate>> ListAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WabaTemplates.AsNoTracking()
            .OrderBy(t => t.Title).ThenBy(t => t.TemplateGuid)
            .Skip(offset).Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Meta decided on a template: its status changes and the CRM hears it as a templateStatus webhook.</summary>
    /// <returns>False when there is no such template.</returns>
    public async Task<bool> ModerateAsync(Guid templateGuid, string status, string? rejectedReason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var template = await db.WabaTemplates.FirstOrDefaultAsync(t => t.TemplateGuid == templateGuid, cancellationToken);
        if (template is null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        template.Status = status;
        template.RejectedReason = status == WabaTemplateStatuses.Rejected ? rejectedReason ?? "INVALID_FORMAT" : null;
        template.UpdatedAtUtc = now;
        await WebhookOutbox.EnqueueAsync(db, WebhookKinds.TemplateStatus, $"template:{template.TemplateGuid}",
            new TemplateStatusHook(template.TemplateGuid, template.ChannelId, template.Name, template.Title, template.Language, template.Status,
                DateTime.SpecifyKind(now, DateTimeKind.Utc))
            {
                RejectedReason = template.RejectedReason,
            },
            now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

/// <summary>The body of a templateStatus webhook: which template, on which channel, and its new moderation status.</summary>
public sealed record TemplateStatusHook(Guid TemplateGuid, Guid ChannelId, string Name, string Title, string Language, string Status, DateTime Timestamp)
{
    [System.Text.Json.Serialization.JsonPropertyName("rejected_reason")]
    public string? RejectedReason { get; init; }
}
