using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Messages;

namespace WazzupAdmin.Data.Demo;

/// <summary>
/// The demo's WhatsApp Business API channel and its message templates. Added to a new demo workspace and, on start, to
/// a demo workspace created before they existed; each is added only when missing, so starting again changes nothing.
/// </summary>
public static class DemoTemplates
{
    public static readonly DemoWorkspace.DemoChannel WabaChannel = new(
        Guid.Parse("9a1d6c0e-0000-4000-8000-000000000004"), Transport.Waba, "+34612999000", "Sales WABA", "f-sales", "s-qualified",
        DistributionAlgorithm.FirstResponder,
        [("u-anna", ChannelRole.Manager, false), ("u-boris", ChannelRole.SalesRep, true), ("u-carmen", ChannelRole.SalesRep, true),
         ("u-elena", ChannelRole.QualityControl, false)]);

    public sealed record DemoTemplate(Guid TemplateGuid, string Title, string Name, string Category, string Language, string Status,
        string? Header, string Body, string? Footer, string? RejectedReason = null);

    public static readonly DemoTemplate[] Templates =
    [
        new(Guid.Parse("6201005a-9a6f-486f-bdd5-e6cb86c76d01"), "Order ready", "order_ready", "UTILITY", "en", WabaTemplateStatuses.Approved,
            "Your order", "Hello {{1}}, your order {{2}} is ready for pick-up at our showroom.", "Wazzup Furniture"),
        new(Guid.Parse("6201005a-9a6f-486f-bdd5-e6cb86c76d02"), "Delivery slot", "delivery_slot", "UTILITY", "es", WabaTemplateStatuses.Approved,
            null, "Hola {{1}}, podemos entregar su pedido el {{2}}. ¿Le viene bien?", null),
        new(Guid.Parse("6201005a-9a6f-486f-bdd5-e6cb86c76d03"), "Summer sale", "summer_sale", "MARKETING", "en", WabaTemplateStatuses.Pending,
            "Summer sale", "Hi {{1}}! Everything in the garden collection is 20% off until Sunday.", "Reply STOP to opt out"),
        new(Guid.Parse("6201005a-9a6f-486f-bdd5-e6cb86c76d04"), "Win back", "win_back", "MARKETING", "en", WabaTemplateStatuses.Rejected,
            null, "We miss you, {{1}}! Come back for a free gift.", null, "PROMOTIONAL"),
    ];

    /// <summary>Adds what is missing of the WABA channel and its templates to a demo workspace; does nothing elsewhere.</summary>
    public static async Task EnsureAsync(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var demoChannel = DemoWorkspace.Channels[0].Id;
        if (!await db.Channels.AnyAsync(c => c.Id == demoChannel))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var c = WabaChannel;
        if (!await db.Channels.AnyAsync(x => x.Id == c.Id))
        {
            var present = await db.CrmUsers.Select(u => u.Id).ToListAsync();
            db.Channels.Add(new Channel
            {
                Id = c.Id,
                Transport = c.Transport,
                PlainId = c.PlainId,
                Name = c.Name,
                CreatedAtUtc = now,
                FunnelId = await db.Stages.AnyAsync(s => s.FunnelId == c.FunnelId && s.Id == c.StageId) ? c.FunnelId : null,
                StageId = await db.Stages.AnyAsync(s => s.FunnelId == c.FunnelId && s.Id == c.StageId) ? c.StageId : null,
                Algorithm = c.Algorithm,
                Access = [.. c.Access.Where(a => present.Contains(a.UserId))
                    .Select(a => new ChannelAccess { CrmUserId = a.UserId, Role = a.Role, ReceivesNewClients = a.ReceivesNewClients })],
            });
        }

        var known = await db.WabaTemplates.Select(t => t.TemplateGuid).ToListAsync();
        foreach (var t in Templates.Where(t => !known.Contains(t.TemplateGuid)))
        {
            db.WabaTemplates.Add(new WabaTemplate
            {
                TemplateGuid = t.TemplateGuid,
                ChannelId = c.Id,
                Title = t.Title,
                Name = t.Name,
                Category = t.Category,
                Language = t.Language,
                Status = t.Status,
                RejectedReason = t.RejectedReason,
                Header = t.Header,
                Body = t.Body,
                Footer = t.Footer,
                UpdatedAtUtc = now,
            });
        }

        await db.SaveChangesAsync();
    }
}
