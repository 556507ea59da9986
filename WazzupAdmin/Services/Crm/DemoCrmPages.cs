using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Services.Crm;

/// <summary>
/// The demo CRM's own deal and contact pages, which the chat window's deal links lead to. Creating a deal writes a
/// real deal, as the real CRM would; a user creates deals only for themselves, an administrator for anyone.
/// </summary>
public sealed class DemoCrmPages(IDbContextFactory<AppDbContext> dbFactory, CurrentActor currentActor, ChatNotifier notifier)
{
    /// <returns>Null when the deal does not exist or the signed-in session may not see it (see <see cref="MaySeeAsync"/>).</returns>
    public async Task<DemoDealDetails?> DealAsync(string dealId, CancellationToken cancellationToken = default)
    {
        var user = await RequireSignedInAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var owner = await db.Deals.AsNoTracking().Where(d => d.Id == dealId)
            .Select(d => new { d.ResponsibleUserId, Contacts = d.Contacts.Select(c => c.Id).ToList() }).FirstOrDefaultAsync(cancellationToken);
        if (owner is null || !await MaySeeAsync(db, user, owner.Contacts, owner.ResponsibleUserId, cancellationToken))
        {
            return null;
        }

        var deal = await db.Deals.AsNoTracking()
            .Where(d => d.Id == dealId)
            .Select(d => new
            {
                d.Id,
                d.Name,
                d.Closed,
                ResponsibleName = d.ResponsibleUser!.Name,
                Contacts = d.Contacts.Select(c => new DemoContactLink(c.Id, c.Name)).ToList(),
                d.FunnelId,
                d.StageId,
                CurrentFunnel = db.Funnels.Where(f => f.Id == d.FunnelId).Select(f => f.Name).FirstOrDefault(),
                CurrentStage = db.Stages.Where(s => s.FunnelId == d.FunnelId && s.Id == d.StageId).Select(s => s.Name).FirstOrDefault(),
                d.FunnelName,
                d.StageName,
            })
            .FirstOrDefaultAsync(cancellationToken);
        return deal is null
            ? null
            : new DemoDealDetails(deal.Id, deal.Name, deal.Closed, deal.ResponsibleName,
                [.. deal.Contacts.OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)],
                DealStage.From(deal.FunnelId, deal.StageId, deal.CurrentFunnel, deal.CurrentStage, deal.FunnelName, deal.StageName));
    }

    /// <returns>Null when the contact does not exist or the signed-in session may not see it (see <see cref="MaySeeAsync"/>).</returns>
    public async Task<DemoContactDetails?> ContactAsync(string contactId, CancellationToken cancellationToken = default)
    {
        var user = await RequireSignedInAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await MaySeeAsync(db, user, [contactId], dealResponsibleUserId: null, cancellationToken))
        {
            return null;
        }

        var contact = await db.Contacts.AsNoTracking()
            .Where(c => c.Id == contactId)
            .Select(c => new
            {
                c.Id,
                c.Name,
                ResponsibleName = c.ResponsibleUser!.Name,
                Chats = c.Chats.Select(x => new { x.ChatType, x.ChatId, x.Username, x.Phone }).ToList(),
                Deals = c.Deals.Select(d => new
                {
                    d.Id,
                    d.Name,
                    d.Closed,
                    ResponsibleName = d.ResponsibleUser!.Name,
                    d.FunnelId,
                    d.StageId,
                    CurrentFunnel = db.Funnels.Where(f => f.Id == d.FunnelId).Select(f => f.Name).FirstOrDefault(),
                    CurrentStage = db.Stages.Where(s => s.FunnelId == d.FunnelId && s.Id == d.StageId).Select(s => s.Name).FirstOrDefault(),
                    d.FunnelName,
                    d.StageName,
                }).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (contact is null)
        {
            return null;
        }

        return new DemoContactDetails(
            contact.Id, contact.Name, contact.ResponsibleName,
            [.. contact.Chats.Select(x => new DemoContactChat(
                ChatTypes.TryParseApiName(x.ChatType, out var t) ? t : null, x.ChatType, ContactChatText.Identifier(x.ChatId, x.Username, x.Phone)))],
            [
                .. contact.Deals
                    .Select(d => new DemoDealLink(d.Id, d.Name, d.Closed, d.ResponsibleName,
                        DealStage.From(d.FunnelId, d.StageId, d.CurrentFunnel, d.CurrentStage, d.FunnelName, d.StageName)))
                    .OrderBy(d => d.Closed).ThenBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase),
            ]);
    }

    /// <summary>
    /// Whose deal with which contact the "create deal" form would create. Without <paramref name="userId"/> the deal
    /// is the signed-in account's own.
    /// </summary>
    public async Task<DemoNewDealResult> NewDealAsync(string? contactId, string? userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ResolveAsync(db, contactId, userId, cancellationToken);
    }

    /// <summary>Creates an open deal with the contact, the user responsible for it, at its own demo CRM address.</summary>
    public async Task<DemoDealCreation> CreateDealAsync(string? contactId, string? userId, string? name, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subject = await ResolveAsync(db, contactId, userId, cancellationToken);
        if (subject.Form is not { } form)
        {
            return new DemoDealCreation(subject.Status, null, [subject.Error!]);
        }

        if (FieldRules.Required(name, FieldLimits.DealName) is { } nameError)
        {
            return new DemoDealCreation(DemoDealStatus.Invalid, null, [new FieldError("Name", nameError, FieldLimits.DealName)]);
        }

        var contact = await db.Contacts.FirstAsync(c => c.Id == form.ContactId, cancellationToken);
        // The demo CRM starts a deal where a CRM's default pipeline does: the first stage of its first funnel.
        var stage = await db.Stages.AsNoTracking().OrderBy(s => s.Funnel!.Position).ThenBy(s => s.Position)
            .Select(s => new { s.FunnelId, s.Id, FunnelName = s.Funnel!.Name, s.Name })
            .FirstOrDefaultAsync(cancellationToken);
        var id = $"d-{Guid.NewGuid():N}";
        db.Deals.Add(new Deal
        {
            Id = id,
            Name = name!.Trim(),
            ResponsibleUserId = form.UserId,
            Uri = DemoWorkspace.DealUri(id),
            Closed = false,
            Contacts = [contact],
            FunnelId = stage?.FunnelId,
            StageId = stage?.Id,
            FunnelName = stage?.FunnelName,
            StageName = stage?.Name,
            Origin = RecordOrigin.DemoNewDealPage,
        });
        await db.SaveChangesAsync(cancellationToken);
        notifier.Publish(new DealsChanged([contact.Id]));
        return new DemoDealCreation(DemoDealStatus.Created, id, []);
    }

    private async Task<DemoNewDealResult> ResolveAsync(AppDbContext db, string? contactId, string? userId, CancellationToken cancellationToken)
    {
        var user = await RequireSignedInAsync();
        var ownUserId = (await CurrentCrmUser.OfAsync(db, user, cancellationToken))?.UserId;
        var administrator = user.IsInRole(Roles.Administrator);

        userId = string.IsNullOrWhiteSpace(userId) ? ownUserId : userId;
        if (userId is null || (!administrator && ownUserId is null))
        {
            return Refused(new FieldError("", "Your account is not linked to a CRM user, so it cannot create deals."));
        }

        // The user id comes from the address, which anyone can edit: only one's own, unless an administrator.
        if (!administrator && !string.Equals(userId, ownUserId, StringComparison.Ordinal))
        {
            return Refused(new FieldError("", "You can only create deals for yourself."));
        }

        var userName = await db.CrmUsers.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
        if (userName is null)
        {
            return new DemoNewDealResult(null, DemoDealStatus.NotFound, new FieldError("", "This user does not exist in the CRM."));
        }

        var contactName = string.IsNullOrWhiteSpace(contactId) || !await MaySeeAsync(db, user, [contactId], null, cancellationToken)
            ? null
            : await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        if (contactName is null)
        {
            return new DemoNewDealResult(null, DemoDealStatus.NotFound, new FieldError("", "This contact does not exist in the CRM."));
        }

        return new DemoNewDealResult(new DemoNewDeal(contactId!, contactName, userId, userName), DemoDealStatus.Created, null);
    }

    /// <summary>
    /// The demo CRM follows the chat window's visibility. A session opened by a card-scoped chat link sees only the
    /// contacts of its card (and their deals). Otherwise an administrator sees everything; anyone else sees a contact
    /// they are responsible for or whose conversation the chat window shows them (their own clients as a sales rep,
    /// every client of a channel they manage or check), and a deal they are responsible for or of such a contact.
    /// </summary>
    private static async Task<bool> MaySeeAsync(
        AppDbContext db, ClaimsPrincipal user, IReadOnlyCollection<string> contactIds, string? dealResponsibleUserId, CancellationToken cancellationToken)
    {
        if (ChatScope.CardFilter(user) is { } filter)
        {
            var chats = await db.ContactChats.MatchingAsync(filter.SelectMany(f => f.Keys()), cancellationToken);
            var card = chats.Select(x => x.ContactId).ToHashSet(StringComparer.Ordinal);
            if (!contactIds.Any(card.Contains))
            {
                return false;
            }
        }
        else if (user.IsInRole(Roles.Administrator))
        {
            return true;
        }

        var me = (await CurrentCrmUser.OfAsync(db, user, cancellationToken))?.UserId;
        if (me is null)
        {
            return false;
        }

        if (dealResponsibleUserId == me
            || await db.Contacts.AsNoTracking().AnyAsync(c => contactIds.Contains(c.Id) && c.ResponsibleUserId == me, cancellationToken))
        {
            return true;
        }

        var visible = await ConversationVisibility.VisibleToAsync(db, me, cancellationToken);
        return await visible.AnyAsync(c => contactIds.Contains(c.ContactId), cancellationToken);
    }

    private static DemoNewDealResult Refused(FieldError error) => new(null, DemoDealStatus.Refused, error);

    private async Task<ClaimsPrincipal> RequireSignedInAsync()
    {
        var user = await currentActor.GetUserAsync();
        if (user.Identity?.IsAuthenticated != true)
        {
            throw new UnauthorizedAccessException("Only signed-in accounts may use the CRM.");
        }

        return user;
    }
}
