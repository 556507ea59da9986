using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Services.Crm;

/// <summary>
/// Makes the entity the CRM created the one the console knows: the console's provisional contact or deal of a new client
/// is re-keyed to the CRM's id (or merged into the CRM's record when the CRM already has it), its conversations, chats,
/// deals and waiting webhook events with it, so nothing is lost and no second contact appears. Runs inside the caller's
/// transaction.
/// </summary>
public static partial class CrmAdoption
{
    /// <summary>
    /// The CRM created the contact of the console's provisional <paramref name="provisionalId"/>.
    /// </summary>
    /// <returns>The contact's id from now on; null when there is no such contact any more.</returns>
    public static async Task<string?> AdoptContactAsync(
        AppDbContext db, string provisionalId, CrmCreatedEntity created, DateTime now, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == provisionalId, cancellationToken);
        if (contact is null)
        {
            // Adopted already (the CRM upserted its own contact for the chat first): the late answer changes nothing.
            return await db.Contacts.Where(c => c.ReplacedId == provisionalId).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        }

        var crmId = created.Id;
        if (crmId != provisionalId)
        {
            if (await db.Contacts.AnyAsync(c => c.Id == crmId, cancellationToken))
            {
                await MergeContactAsync(db, provisionalId, crmId, now, cancellationToken);
            }
            else if (db.Database.IsNpgsql())
            {
                // PostgreSQL checks each foreign key at once: the row is copied under its new id, its rows follow, the old one goes.
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "Contacts" ("Id", "Name", "ResponsibleUserId", "Uri", "DeletedAtUtc", "Origin", "OriginSource", "Provisional", "ReplacedId")
                    SELECT {crmId}, "Name", "ResponsibleUserId", "Uri", "DeletedAtUtc", "Origin", "OriginSource", "Provisional", "ReplacedId"
                    FROM "Contacts" WHERE "Id" = {provisionalId};
                    UPDATE "ContactChats" SET "ContactId" = {crmId} WHERE "ContactId" = {provisionalId};
                    UPDATE "Conversations" SET "ContactId" = {crmId} WHERE "ContactId" = {provisionalId};
                    UPDATE "DealContacts" SET "ContactsId" = {crmId} WHERE "ContactsId" = {provisionalId};
                    DELETE FROM "Contacts" WHERE "Id" = {provisionalId};
                    """, cancellationToken);
            }
            else
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    PRAGMA defer_foreign_keys = ON;
                    UPDATE "Contacts" SET "Id" = {crmId} WHERE "Id" = {provisionalId};
                    UPDATE "ContactChats" SET "ContactId" = {crmId} WHERE "ContactId" = {provisionalId};
                    UPDATE "Conversations" SET "ContactId" = {crmId} WHERE "ContactId" = {provisionalId};
                    UPDATE "DealContacts" SET "ContactsId" = {crmId} WHERE "ContactsId" = {provisionalId};
                    """, cancellationToken);
            }

            await db.OutboxEvents.Where(e => e.OrderingKey == provisionalId && e.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.OrderingKey, crmId), cancellationToken);
            await RenameInWaitingEventsAsync(db, provisionalId, crmId, cancellationToken);
        }

        var name = Fits(created.Name, FieldLimits.ContactName);
        var uri = Fits(created.Uri, FieldLimits.Uri);
        var replaced = crmId == provisionalId ? null : provisionalId;
        var responsible = created.ResponsibleUserId is { } userId && await db.CrmUsers.AnyAsync(u => u.Id == userId, cancellationToken) ? userId : null;
        await db.Contacts.Where(c => c.Id == crmId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Provisional, false)
            .SetProperty(c => c.ReplacedId, c => replaced ?? c.ReplacedId)
            .SetProperty(c => c.Name, c => name ?? c.Name)
            .SetProperty(c => c.Uri, c => uri ?? c.Uri)
            .SetProperty(c => c.ResponsibleUserId, c => responsible ?? c.ResponsibleUserId), cancellationToken);
        return crmId;
    }

    /// <summary>The CRM created the deal of the console's provisional <paramref name="provisionalId"/>.</summary>
    public static async Task<string?> AdoptDealAsync(AppDbContext db, string provisionalId, CrmCreatedEntity created, CancellationToken cancellationToken)
    {
        if (!await db.Deals.AnyAsync(d => d.Id == provisionalId, cancellationToken))
        {
            return await db.Deals.Where(d => d.ReplacedId == provisionalId).Select(d => d.Id).FirstOrDefaultAsync(cancellationToken);
        }

        var crmId = created.Id;
        if (crmId != provisionalId)
        {
            if (await db.Deals.AnyAsync(d => d.Id == crmId, cancellationToken) && db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "DealContacts" ("ContactsId", "DealsId")
                    SELECT "ContactsId", {crmId} FROM "DealContacts" WHERE "DealsId" = {provisionalId} ON CONFLICT DO NOTHING;
                    DELETE FROM "DealContacts" WHERE "DealsId" = {provisionalId};
                    UPDATE "Conversations" SET "NewClientDealId" = {crmId} WHERE "NewClientDealId" = {provisionalId};
                    DELETE FROM "Deals" WHERE "Id" = {provisionalId};
                    """, cancellationToken);
            }
            else if (await db.Deals.AnyAsync(d => d.Id == crmId, cancellationToken))
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    UPDATE OR IGNORE "DealContacts" SET "DealsId" = {crmId} WHERE "DealsId" = {provisionalId};
                    DELETE FROM "DealContacts" WHERE "DealsId" = {provisionalId};
                    UPDATE "Conversations" SET "NewClientDealId" = {crmId} WHERE "NewClientDealId" = {provisionalId};
                    DELETE FROM "Deals" WHERE "Id" = {provisionalId};
                    """, cancellationToken);
            }
            else if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "Deals" ("Id", "Name", "ResponsibleUserId", "Uri", "Closed", "FunnelId", "StageId", "FunnelName", "StageName", "Origin", "OriginSource", "Provisional", "ReplacedId")
                    SELECT {crmId}, "Name", "ResponsibleUserId", "Uri", "Closed", "FunnelId", "StageId", "FunnelName", "StageName", "Origin", "OriginSource", "Provisional", "ReplacedId"
                    FROM "Deals" WHERE "Id" = {provisionalId};
                    UPDATE "DealContacts" SET "DealsId" = {crmId} WHERE "DealsId" = {provisionalId};
                    UPDATE "Conversations" SET "NewClientDealId" = {crmId} WHERE "NewClientDealId" = {provisionalId};
                    DELETE FROM "Deals" WHERE "Id" = {provisionalId};
                    """, cancellationToken);
            }
            else
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    PRAGMA defer_foreign_keys = ON;
                    UPDATE "Deals" SET "Id" = {crmId} WHERE "Id" = {provisionalId};
                    UPDATE "DealContacts" SET "DealsId" = {crmId} WHERE "DealsId" = {provisionalId};
                    UPDATE "Conversations" SET "NewClientDealId" = {crmId} WHERE "NewClientDealId" = {provisionalId};
                    """, cancellationToken);
            }

            await RenameInWaitingEventsAsync(db, provisionalId, crmId, cancellationToken);
        }

        var name = Fits(created.Name, FieldLimits.DealName);
        var uri = Fits(created.Uri, FieldLimits.Uri);
        var replaced = crmId == provisionalId ? null : provisionalId;
        await db.Deals.Where(d => d.Id == crmId).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Provisional, false)
            .SetProperty(d => d.ReplacedId, d => replaced ?? d.ReplacedId)
            .SetProperty(d => d.Name, d => name ?? d.Name)
            .SetProperty(d => d.Uri, d => uri ?? d.Uri), cancellationToken);
        return crmId;
    }

    /// <summary>
    /// The CRM upserted a contact of its own holding a chat of a provisional contact: that contact is adopted under the
    /// CRM's id, and the createContact request still waiting for it is not sent any more.
    /// </summary>
    public static async Task AdoptUpsertedAsync(AppDbContext db, string provisionalId, string crmId, DateTime now, CancellationToken cancellationToken)
    {
        await AdoptContactAsync(db, provisionalId, new CrmCreatedEntity(crmId, null, null, null), now, cancellationToken);
        await db.OutboxEvents
            .Where(e => e.Kind == Domain.Webhooks.WebhookKinds.CreateContact && e.SubjectId == provisionalId && e.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, OutboxStatus.Delivered)
                .SetProperty(e => e.DeliveredAtUtc, now)
                .SetProperty(e => e.LastError, $"Not needed any more: the CRM created the contact {crmId} for this chat itself."), cancellationToken);
    }

    /// <summary>The CRM already had the contact: the provisional one's chats, conversations and deals move to it, and it is retired.</summary>
    private static async Task MergeContactAsync(AppDbContext db, string provisionalId, string crmId, DateTime now, CancellationToken cancellationToken)
    {
        // A conversation the CRM's contact already has on the same channel stays with the retired record (soft-deleted,
        // so its messages are kept) rather than being lost.
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE "ContactChats" SET "ContactId" = {crmId} WHERE "ContactId" = {provisionalId};
                UPDATE "Conversations" AS c SET "ContactId" = {crmId} WHERE c."ContactId" = {provisionalId}
                    AND NOT EXISTS (SELECT 1 FROM "Conversations" AS o WHERE o."ContactId" = {crmId} AND o."ChannelId" = c."ChannelId");
                INSERT INTO "DealContacts" ("ContactsId", "DealsId")
                SELECT {crmId}, "DealsId" FROM "DealContacts" WHERE "ContactsId" = {provisionalId} ON CONFLICT DO NOTHING;
                DELETE FROM "DealContacts" WHERE "ContactsId" = {provisionalId};
                UPDATE "Contacts" SET "DeletedAtUtc" = {now}, "Provisional" = FALSE WHERE "Id" = {provisionalId};
                """, cancellationToken);
            return;
        }

        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "ContactChats" SET "ContactId" = {crmId} WHERE "ContactId" = {provisionalId};
            UPDATE OR IGNORE "Conversations" SET "ContactId" = {crmId} WHERE "ContactId" = {provisionalId};
            UPDATE OR IGNORE "DealContacts" SET "ContactsId" = {crmId} WHERE "ContactsId" = {provisionalId};
            DELETE FROM "DealContacts" WHERE "ContactsId" = {provisionalId};
            UPDATE "Contacts" SET "DeletedAtUtc" = {now}, "Provisional" = 0 WHERE "Id" = {provisionalId};
            """, cancellationToken);
    }

    /// <summary>
    /// The events still waiting to be sent name the client by the CRM's id, not the console's provisional one. The
    /// provisional ids are unique (a prefix and a Guid), so replacing the quoted JSON string touches nothing else.
    /// </summary>
    private static Task<int> RenameInWaitingEventsAsync(AppDbContext db, string provisionalId, string crmId, CancellationToken cancellationToken)
    {
        var from = JsonSerializer.Serialize(provisionalId);
        var to = JsonSerializer.Serialize(crmId);
        return db.Database.IsNpgsql()
            ? db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE "OutboxEvents" SET "Payload" = replace("Payload", {from}, {to})
                WHERE "Status" = 'Pending' AND strpos("Payload", {from}) > 0
                """, cancellationToken)
            : db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE "OutboxEvents" SET "Payload" = replace("Payload", {from}, {to})
                WHERE "Status" = 'Pending' AND instr("Payload", {from}) > 0
                """, cancellationToken);
    }

    private static string? Fits(string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) || value.Trim().Length > maxLength ? null : value.Trim();
}
