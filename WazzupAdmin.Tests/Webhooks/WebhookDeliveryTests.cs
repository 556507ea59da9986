using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Webhooks;
using WazzupAdmin.Tests.Support;
using static WazzupAdmin.Tests.Webhooks.WebhookTestApp;

namespace WazzupAdmin.Tests.Webhooks;

/// <summary>Events reach a real HTTP receiver on a loopback port, signed, at least once, in order per contact.</summary>
public class WebhookDeliveryTests : IAsyncLifetime
{
    /// <summary>The store's engine; the class that runs these tests on PostgreSQL says so.</summary>
    protected virtual StoreProvider Provider => StoreProvider.Sqlite;

    private AppFactory app = default!;
    private WebhookReceiver receiver = default!;

    public async Task InitializeAsync()
    {
        app = Create(Provider);
        receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task Every_event_kind_arrives_signed_with_the_secret_and_carrying_its_event_id()
    {
        var secret = await SubscribeAsync(app, receiver, Everything);

        // In turn: a new client gets a contact, a deal and a responsible rep at once.
        var nina = await ClientWritesAsync(app, SalesTelegram, "nina_berg", "Nina Berg", "Is the sofa in stock?");
        // First responder: offered to several reps until Boris replies and claims the client.
        var offered = await ClientWritesAsync(app, SalesWhatsApp, "34611000111", "Pablo Ruiz", "Do you deliver?");
        await using (var boris = await app.CreateScopeSignedInAsAsync("boris@wazzup.demo"))
        {
            var sent = await boris.ServiceProvider.GetRequiredService<ChatReplyService>().SendAsync(offered.ConversationId, "Yes, we do.");
            Assert.Equal(SendStatus.Sent, sent.Status);
        }

        // An administrator, seeing Boris responsible, gives the client to Carmen.
        await using (var admin = await app.CreateScopeSignedInAsAsync(Data.Demo.DemoWorkspace.AdminEmail))
        {
            Assert.True((await admin.ServiceProvider.GetRequiredService<AssignmentService>()
                .AssignAsync(offered.ConversationId, "u-carmen", seenResponsibleUserId: "u-boris")).Succeeded);
        }

        await SetChannelDisabledAsync(app, StoreInstagram, disabled: true);

        var outbox = await OutboxAsync(app);
        await AllDeliveredAsync(app, outbox.Count);
        var events = receiver.Events;
        Assert.Equal(outbox.Count, events.Count);
        Assert.All(events, e =>
        {
            Assert.True(e.SignedWith(secret), $"{e.Kind} is not signed with the secret");
            Assert.Equal(e.EventId, e.EventIdHeader);
        });
        // Templates are moderated apart from the chat (see the template tests).
        Assert.Equal(WebhookKinds.All.Except([WebhookKinds.TemplateStatus]).Order(), events.Select(e => e.Kind!).Distinct().Order());

        // The CRM created Nina's contact under its own id; the request to create it names her chat, not an id.
        var ninaNow = await Api.CrmApi.InStoreAsync(app, db => db.Conversations.Where(c => c.Id == nina.ConversationId).Select(c => c.ContactId).SingleAsync());
        Assert.StartsWith("crm-contact-", ninaNow, StringComparison.Ordinal);
        var ninas = events.Where(e => e.Body.Contains(ninaNow, StringComparison.Ordinal)
            || (e.Kind == WebhookKinds.CreateContact && e.Body.Contains("nina_berg", StringComparison.Ordinal))).ToList();
        Assert.Equal([WebhookKinds.CreateContact, WebhookKinds.CreateDeal, WebhookKinds.ResponsibleChanged, WebhookKinds.Messages], ninas.Select(e => e.Kind));
        var incoming = ninas[3].Json.GetProperty("messages")[0];
        Assert.Equal("Is the sofa in stock?", incoming.GetProperty("text").GetString());
        Assert.Equal("telegram", incoming.GetProperty("chatType").GetString());
        Assert.Equal("nina_berg", incoming.GetProperty("chatId").GetString());
        Assert.False(incoming.GetProperty("isEcho").GetBoolean());
        Assert.Equal("turn", ninas[2].Json.GetProperty("responsibleChanged").GetProperty("reason").GetString());

        var responsibles = events.Where(e => e.Kind == WebhookKinds.ResponsibleChanged).Select(e => e.Json.GetProperty("responsibleChanged")).ToList();
        Assert.Contains(responsibles, r => r.GetProperty("reason").GetString() == "claim" && r.GetProperty("responsibleUserId").GetString() == "u-boris");
        Assert.Contains(responsibles, r => r.GetProperty("reason").GetString() == "assignment"
            && r.GetProperty("responsibleUserId").GetString() == "u-carmen" && r.GetProperty("previousResponsibleUserId").GetString() == "u-boris");

        var reply = events.Where(e => e.Kind == WebhookKinds.Messages).Select(e => e.Json.GetProperty("messages")[0])
            .Single(m => m.GetProperty("text").GetString() == "Yes, we do.");
        Assert.True(reply.GetProperty("isEcho").GetBoolean());
        Assert.Equal("Boris Ivanov", reply.GetProperty("authorName").GetString());

        var channel = events.Single(e => e.Kind == WebhookKinds.ChannelsUpdates).Json.GetProperty("channelsUpdates")[0];
        Assert.Equal(StoreInstagram, channel.GetProperty("channelId").GetGuid());
        Assert.Equal("disabled", channel.GetProperty("state").GetString());
        Assert.Equal("instagram", channel.GetProperty("transport").GetString());
        Assert.True(channel.GetProperty("timestamp").TryGetDateTime(out _));
    }

    [Fact]
    public async Task Only_subscribed_events_are_written()
    {
        await SubscribeAsync(app, receiver, new WebhookSubscriptions(MessagesAndStatuses: false, ContactsAndDealsCreation: false, ChannelsUpdates: true));

        await ClientWritesAsync(app, SalesTelegram, "nina_berg", "Nina Berg", "Hello");
        await SetChannelDisabledAsync(app, StoreInstagram, disabled: true);

        Assert.Equal([WebhookKinds.ChannelsUpdates], (await OutboxAsync(app)).Select(e => e.Kind));
    }

    [Fact]
    public async Task A_receiver_failing_three_times_gets_the_event_again_each_time_then_no_more_once_it_answers_200()
    {
        await SubscribeAsync(app, receiver, Everything with { MessagesAndStatuses = false, ContactsAndDealsCreation = false });
        var failures = 0;
        receiver.Answer = _ => Interlocked.Increment(ref failures) <= 3 ? 503 : 200;

        await SetChannelDisabledAsync(app, StoreInstagram, disabled: true);

        await AllDeliveredAsync(app, 1);
        var delivered = Assert.Single(await OutboxAsync(app));
        Assert.Equal(4, delivered.Attempts);
        Assert.Equal(200, delivered.LastStatusCode);
        // The worker goes on: a later event is delivered, and the first was not sent again meanwhile.
        await SetChannelDisabledAsync(app, StoreInstagram, disabled: false);
        await AllDeliveredAsync(app, 2);
        var first = receiver.Events[0].EventId;
        Assert.Equal([503, 503, 503, 200], receiver.Events.Where(e => e.EventId == first).Select(e => e.AnsweredWith));
        Assert.Equal(2, receiver.Events.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public async Task A_400_is_not_retried_and_the_event_is_dead_lettered()
    {
        await SubscribeAsync(app, receiver, Everything with { MessagesAndStatuses = false, ContactsAndDealsCreation = false });
        receiver.Answer = _ => 400;
        receiver.AnswerBody = """{"error":"unknown channel"}""";

        await SetChannelDisabledAsync(app, StoreInstagram, disabled: true);

        await WebhookReceiver.EventuallyAsync(async () => (await OutboxAsync(app)).Single().Status == OutboxStatus.DeadLettered, "dead letter");
        var dead = Assert.Single(await OutboxAsync(app));
        Assert.Equal(1, dead.Attempts);
        Assert.Equal(400, dead.LastStatusCode);
        Assert.Contains("unknown channel", dead.LastError, StringComparison.Ordinal);
        // The worker goes on: a later event is delivered, and the dead one was not sent again meanwhile.
        receiver.Answer = _ => 200;
        await SetChannelDisabledAsync(app, StoreInstagram, disabled: false);
        await WebhookReceiver.EventuallyAsync(async () => (await OutboxAsync(app)).Any(e => e.Status == OutboxStatus.Delivered), "a later event delivered");
        Assert.Single(receiver.Events, e => e.EventId == dead.EventId.ToString());
    }

    [Fact]
    public async Task A_contacts_messages_arrive_in_order_and_a_failing_one_holds_back_the_next()
    {
        await SubscribeAsync(app, receiver, Everything with { ContactsAndDealsCreation = false, ChannelsUpdates = false });
        var held = 0;
        receiver.Answer = hook => hook.Body.Contains("first of Nina", StringComparison.Ordinal) && Interlocked.Increment(ref held) <= 3 ? 500 : 200;

        await ClientWritesAsync(app, SalesTelegram, "nina_berg", "Nina Berg", "first of Nina");
        for (var i = 2; i <= 5; i++)
        {
            await ClientWritesAsync(app, SalesTelegram, "nina_berg", "Nina Berg", $"message {i} of Nina");
        }

        await AllDeliveredAsync(app, 5);
        var texts = receiver.Events.Select(e => (Text: e.Json.GetProperty("messages")[0].GetProperty("text").GetString()!, e.AnsweredWith)).ToList();
        Assert.Equal(
            ["first of Nina", "message 2 of Nina", "message 3 of Nina", "message 4 of Nina", "message 5 of Nina"],
            texts.Where(t => t.Text.EndsWith("of Nina", StringComparison.Ordinal) && t.AnsweredWith == 200).Select(t => t.Text));
        // Nothing of Nina's after her first message was sent before that message was accepted.
        var firstAccepted = texts.FindIndex(t => t.Text == "first of Nina" && t.AnsweredWith == 200);
        Assert.Equal(3, texts.Take(firstAccepted).Count(t => t.Text == "first of Nina"));
        Assert.DoesNotContain(texts.Take(firstAccepted), t => t.Text.StartsWith("message", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_contacts_event_is_delivered_while_a_contacts_head_keeps_failing()
    {
        await SubscribeAsync(app, receiver, Everything with { ContactsAndDealsCreation = false, ChannelsUpdates = false });
        receiver.Answer = hook => hook.Body.Contains("Nina", StringComparison.Ordinal) ? 500 : 200;

        await ClientWritesAsync(app, SalesTelegram, "nina_berg", "Nina Berg", "Nina first");
        await ClientWritesAsync(app, SalesTelegram, "nina_berg", "Nina Berg", "Nina second");
        await ClientWritesAsync(app, SalesTelegram, "omar_haddad", "Omar Haddad", "Omar");

        await receiver.EventuallyAsync(r => r.Accepted.Any(e => e.Body.Contains("Omar", StringComparison.Ordinal)), "Omar's message accepted");
        await receiver.EventuallyAsync(r => r.Events.Count(e => e.Body.Contains("Nina first", StringComparison.Ordinal)) >= 3, "Nina's head retried");
        Assert.DoesNotContain(receiver.Events, e => e.Body.Contains("Nina second", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_still_failing_a_day_after_it_was_written_is_dead_lettered_and_an_administrator_can_resend_it()
    {
        await SubscribeAsync(app, receiver, Everything);
        receiver.Answer = _ => 500;
        var eventId = Guid.NewGuid();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var dayAgo = DateTime.UtcNow.AddHours(-25);
            db.OutboxEvents.Add(new OutboxEvent
            {
                EventId = eventId, Kind = WebhookKinds.ChannelsUpdates, OrderingKey = "channel:old", Status = OutboxStatus.Pending,
                Payload = $$"""{"eventId":"{{eventId}}","channelsUpdates":[]}""", CreatedAtUtc = dayAgo, NextAttemptAtUtc = dayAgo, Attempts = 12,
            });
            await db.SaveChangesAsync();
        }

        await WebhookReceiver.EventuallyAsync(async () => (await OutboxAsync(app)).Single().Status == OutboxStatus.DeadLettered, "dead letter");
        Assert.Equal(14, (await OutboxAsync(app)).Single().Attempts);

        receiver.Answer = _ => 200;
        await using (var admin = await app.CreateScopeSignedInAsAsync(Data.Demo.DemoWorkspace.AdminEmail))
        {
            var webhooks = admin.ServiceProvider.GetRequiredService<WebhookSettingsService>();
            var row = Assert.Single((await webhooks.DeliveriesAsync(0, 10)).Items);
            Assert.Equal(OutboxStatus.DeadLettered, row.Status);
            Assert.True(await webhooks.ResendAsync(row.Id));
        }

        await AllDeliveredAsync(app, 1);
        Assert.Equal(eventId.ToString(), receiver.Accepted.Single().EventId);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class WebhookDeliveryTestsOnPostgres : WebhookDeliveryTests
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
