using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Webhooks;

namespace WazzupAdmin.Services.Webhooks;

/// <summary>
/// Writes webhook events into the caller's context, so they commit or roll back with the change that caused them.
/// An event is written only while the CRM has an address and its subscription covers the event.
/// </summary>
public static class WebhookOutbox
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Compiled once: every batch of clients' messages reads it, and an uncompiled query costs more than it does.</summary>
    private static readonly CompiledQuery<Func<AppDbContext, CancellationToken, Task<WebhookSettings?>>> Settings = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, CancellationToken cancellationToken) => db.WebhookSettings.AsNoTracking().FirstOrDefault(s => s.Id == WebhookSettings.SingletonId)));

    /// <summary>The subscription as committed (or as written earlier in this transaction); null while nobody subscribed.</summary>
    public static async Task<WebhookSubscriptions?> SubscriptionAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var settings = await Settings.For(db)(db, cancellationToken);
        return string.IsNullOrEmpty(settings?.Uri)
            ? null
            : new WebhookSubscriptions(settings.MessagesAndStatuses, settings.ContactsAndDealsCreation, settings.ChannelsUpdates, settings.TemplateStatus);
    }

    /// <summary>
    /// Adds an event to <paramref name="db"/> (the caller saves it): the body is <c>{eventId, &lt;kind&gt;: body}</c>.
    /// </summary>
    /// <param name="orderingKey">Events with the same key are delivered one after another, in the order written.</param>
    /// <returns>Whether an event was added.</returns>
    public static async Task<bool> EnqueueAsync(
        AppDbContext db, string kind, string? orderingKey, object body, DateTime now, CancellationToken cancellationToken)
    {
        if (await SubscriptionAsync(db, cancellationToken) is not { } subscription || Event(subscription, kind, orderingKey, body, now) is not { } outboxEvent)
        {
            return false;
        }

        db.OutboxEvents.Add(outboxEvent);
        return true;
    }

    /// <summary>The body posted to the CRM: <c>{eventId, &lt;kind&gt;: body}</c>.</summary>
    public static string Payload(Guid eventId, string kind, object body) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["eventId"] = eventId, [kind] = body }, Json);

    /// <summary>The event to store, or null when the subscription does not cover its kind.</summary>
    public static OutboxEvent? Event(WebhookSubscriptions subscription, string kind, string? orderingKey, object body, DateTime now)
    {
        if (!subscription.Covers(kind))
        {
            return null;
        }

        var eventId = Guid.NewGuid();
        return new OutboxEvent
        {
            EventId = eventId,
            Kind = kind,
            OrderingKey = orderingKey,
            Payload = Payload(eventId, kind, body),
            Status = OutboxStatus.Pending,
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
        };
    }
}
