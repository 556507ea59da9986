using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Services.Crm;

namespace WazzupAdmin.Services.Webhooks;

public enum RequestState
{
    Send,

    /// <summary>The CRM has the record already; the request was closed.</summary>
    NotNeeded,

    /// <summary>A deal waits for its contact's request to be answered first.</summary>
    Wait,
}

/// <summary>
/// The outbox events that are requests to the CRM (createContact, createDeal) rather than notices: their body is
/// built anew from the console's record before each try (a deal then names its contact by the CRM's id), and the
/// CRM's answer is the entity it created, which the console adopts (see <see cref="CrmAdoption"/>).
/// </summary>
public static class CrmRequests
{
    public static bool IsRequest(string kind) => kind is WebhookKinds.CreateContact or WebhookKinds.CreateDeal;

    public static async Task<RequestState> RefreshAsync(AppDbContext db, OutboxEvent request, DateTime now, WebhookOptions settings, CancellationToken cancellationToken)
    {
        if (request.SubjectId is not { } subject)
        {
            return RequestState.Send;
        }

        if (request.Kind == WebhookKinds.CreateContact)
        {
            var contact = await db.Contacts.AsNoTracking().Include(c => c.Chats).FirstOrDefaultAsync(c => c.Id == subject, cancellationToken);
            if (contact is not { Provisional: true, DeletedAtUtc: null })
            {
                return Close(request, now, "Not needed any more: the CRM already has this client's contact.");
            }

            request.Payload = WebhookOutbox.Payload(request.EventId, request.Kind, new CreateContactHook(
                contact.ResponsibleUserId, contact.Name, [.. contact.Chats.Select(c => new ContactDataHook(c.ChatType, c.ChatId, c.Username, c.Phone))], WebhookEvents.SourceAuto));
            return RequestState.Send;
        }

        var deal = await db.Deals.AsNoTracking().Include(d => d.Contacts).FirstOrDefaultAsync(d => d.Id == subject, cancellationToken);
        if (deal is not { Provisional: true })
        {
            return Close(request, now, "Not needed any more: the CRM already has this client's deal.");
        }

        if (deal.Contacts.Any(c => c.Provisional))
        {
            // The contact's request failed for good (an administrator can resend it): the deal cannot name it yet.
            request.LastError = "Waiting for the CRM to create the client's contact first (see its createContact request).";
            request.NextAttemptAtUtc = now + settings.RetryCap;
            return RequestState.Wait;
        }

        request.Payload = WebhookOutbox.Payload(request.EventId, request.Kind,
            WebhookEvents.CreateDealBody(deal, [.. deal.Contacts.Select(c => c.Id)]));
        return RequestState.Send;
    }

    /// <returns>Whether the answer was an entity, now adopted; otherwise why not.</returns>
    public static async Task<(bool Adopted, string? Problem)> AdoptAsync(
        AppDbContext db, OutboxEvent request, string? body, DateTime now, CancellationToken cancellationToken)
    {
        var contact = request.Kind == WebhookKinds.CreateContact;
        if (!CrmAdoption.TryRead(body, contact ? "contact" : "deal", out var created, out var problem))
        {
            return (false, problem);
        }

        if (request.SubjectId is { } subject)
        {
            _ = contact
                ? await CrmAdoption.AdoptContactAsync(db, subject, created, now, cancellationToken)
                : await CrmAdoption.AdoptDealAsync(db, subject, created, cancellationToken);
        }

        return (true, null);
    }

    private static RequestState Close(OutboxEvent request, DateTime now, string why)
    {
        request.Status = OutboxStatus.Delivered;
        request.DeliveredAtUtc = now;
        request.LastError = why;
        return RequestState.NotNeeded;
    }
}
