using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Webhooks;

namespace WazzupAdmin.Services.Webhooks;

/// <summary>
/// The requests that ask the CRM to create a new client's contact and deal. They are marked with the provisional
/// record they stand for, so that the CRM's answer can adopt it and a second request is never made.
/// </summary>
public static partial class WebhookEvents
{
    /// <summary>The createContact request for a provisional contact, as it stands.</summary>
    public static OutboxEvent? CreateContactRequest(WebhookSubscriptions subscription, Contact contact, DateTime now) =>
        WebhookOutbox.Event(subscription, WebhookKinds.CreateContact, contact.Id,
            new CreateContactHook(contact.ResponsibleUserId, contact.Name, [.. contact.Chats.Select(c => new ContactDataHook(c.ChatType, c.ChatId, c.Username, c.Phone))], SourceAuto),
            now) is { } request
            ? WithSubject(request, contact.Id)
            : null;

    /// <summary>The createDeal request for a provisional deal; its contacts are named again when it is sent, by then the CRM's ids.</summary>
    public static OutboxEvent? CreateDealRequest(WebhookSubscriptions subscription, Contact contact, Deal deal, DateTime now) =>
        WebhookOutbox.Event(subscription, WebhookKinds.CreateDeal, contact.Id, CreateDealBody(deal, [contact.Id]), now) is { } request
            ? WithSubject(request, deal.Id)
            : null;

    public static CreateDealHook CreateDealBody(Deal deal, IReadOnlyList<string> contactIds) =>
        new(deal.ResponsibleUserId, contactIds, SourceAuto, deal.Name, deal.FunnelId, deal.StageId);

    /// <summary>The real product's <c>source</c> of a request it makes on its own, for a client who wrote.</summary>
    public const string SourceAuto = "auto";

    private static OutboxEvent WithSubject(OutboxEvent request, string subjectId)
    {
        request.SubjectId = subjectId;
        return request;
    }

    /// <summary>The createContact and createDeal requests of a provisional new client, unless the CRM was asked already.</summary>
    private static async Task AddCreationRequestsAsync(AppDbContext db, Facts facts, DateTime now, CancellationToken cancellationToken)
    {
        if (!facts.Contact.Provisional || facts.Deal is not { Provisional: true } deal
            || await db.OutboxEvents.AnyAsync(e => e.Kind == WebhookKinds.CreateContact && e.SubjectId == facts.Contact.Id, cancellationToken))
        {
            return;
        }

        Add(db, CreateContactRequest(facts.Subscription, facts.Contact, now));
        Add(db, CreateDealRequest(facts.Subscription, facts.Contact, deal, now));
    }
}
