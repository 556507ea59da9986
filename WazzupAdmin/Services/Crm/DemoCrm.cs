using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Data.Entities;

namespace WazzupAdmin.Services.Crm;

/// <summary>
/// The demo CRM: what it sends is upserted by id, in one transaction, the way the real CRM's pushes are.
/// Existing records are updated, none are removed.
/// </summary>
public static class DemoCrm
{
    /// <param name="clock">The clock the pushes are recorded with; the system clock when null.</param>
    public static async Task ImportAsync(IDbContextFactory<AppDbContext> dbFactory, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var users = await db.CrmUsers.ToDictionaryAsync(u => u.Id, cancellationToken);
        foreach (var u in DemoWorkspace.Users)
        {
            if (!users.TryGetValue(u.Id, out var user))
            {
                user = new CrmUser { Id = u.Id };
                db.CrmUsers.Add(user);
            }

            user.Name = u.Name;
            user.Phone = u.Phone;
        }

        var funnels = await db.Funnels.Include(f => f.Stages).ToDictionaryAsync(f => f.Id, cancellationToken);
        for (var i = 0; i < DemoWorkspace.Funnels.Length; i++)
        {
            var f = DemoWorkspace.Funnels[i];
            if (!funnels.TryGetValue(f.Id, out var funnel))
            {
                funnel = new Funnel { Id = f.Id };
                db.Funnels.Add(funnel);
            }

            funnel.Name = f.Name;
            funnel.Position = i;
            for (var s = 0; s < f.Stages.Length; s++)
            {
                var stage = funnel.Stages.FirstOrDefault(x => x.Id == f.Stages[s].Id);
                if (stage is null)
                {
                    stage = new Stage { Id = f.Stages[s].Id, FunnelId = f.Id };
                    funnel.Stages.Add(stage);
                }

                stage.Name = f.Stages[s].Name;
                stage.Position = s;
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        var contacts = await db.Contacts.Include(c => c.Chats).ToDictionaryAsync(c => c.Id, cancellationToken);
        foreach (var c in DemoWorkspace.Contacts)
        {
            if (!contacts.TryGetValue(c.Id, out var contact))
            {
                contact = new Contact { Id = c.Id, Origin = RecordOrigin.DemoSeed };
                db.Contacts.Add(contact);
                contacts[c.Id] = contact;
            }

            contact.Name = c.Name;
            contact.ResponsibleUserId = c.ResponsibleUserId;
            contact.Uri = DemoWorkspace.ContactUri(c.Id);
            if (!contact.Chats.Any(x => x.ChatType == c.ChatType && x.ChatId == c.ChatId))
            {
                contact.Chats.Add(new ContactChat { ChatType = c.ChatType, ChatId = c.ChatId });
            }
        }

        var deals = await db.Deals.Include(d => d.Contacts).ToDictionaryAsync(d => d.Id, cancellationToken);
        foreach (var d in DemoWorkspace.Deals)
        {
            if (!deals.TryGetValue(d.Id, out var deal))
            {
                deal = new Deal { Id = d.Id, Origin = RecordOrigin.DemoSeed };
                db.Deals.Add(deal);
            }

            // The demo CRM keeps each of its deals in a stage of its own funnels.
            var funnel = DemoWorkspace.Funnels.First(f => f.Id == d.FunnelId);
            deal.FunnelId = funnel.Id;
            deal.StageId = d.StageId;
            deal.FunnelName = funnel.Name;
            deal.StageName = funnel.Stages.First(s => s.Id == d.StageId).Name;

            deal.Name = d.Name;
            deal.ResponsibleUserId = d.ResponsibleUserId;
            deal.Closed = d.Closed;
            deal.Uri = DemoWorkspace.DealUri(d.Id);
            foreach (var contactId in d.ContactIds.Where(id => deal.Contacts.All(x => x.Id != id)))
            {
                deal.Contacts.Add(contacts[contactId]);
            }
        }

        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        await CrmSync.RecordPushAsync(db, CrmPushKinds.Users, DemoWorkspace.Users.Length, CrmSync.DemoSource, now, cancellationToken);
        await CrmSync.RecordPushAsync(db, CrmPushKinds.Pipelines, DemoWorkspace.Funnels.Length, CrmSync.DemoSource, now, cancellationToken);
        await CrmSync.RecordPushAsync(db, CrmPushKinds.Contacts, DemoWorkspace.Contacts.Length, CrmSync.DemoSource, now, cancellationToken);
        await CrmSync.RecordPushAsync(db, CrmPushKinds.Deals, DemoWorkspace.Deals.Length, CrmSync.DemoSource, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
