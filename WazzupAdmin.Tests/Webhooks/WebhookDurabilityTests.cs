using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Tests.Support;
using static WazzupAdmin.Tests.Webhooks.WebhookTestApp;

namespace WazzupAdmin.Tests.Webhooks;

/// <summary>Stopping the console loses no event: whatever was pending, or in flight, is delivered after the restart.</summary>
public sealed class WebhookDurabilityTests
{
    [Fact]
    public async Task Events_written_while_the_crm_is_down_arrive_after_a_restart()
    {
        var app = Create();
        await using var receiver = await WebhookReceiver.StartAsync();
        try
        {
            await SubscribeAsync(app, receiver, Everything);
            await receiver.StopAsync();

            await ClientWritesAsync(app, SalesTelegram, "nina_berg", "Nina Berg", "Hello?");
            await ClientWritesAsync(app, SalesTelegram, "nina_berg", "Nina Berg", "Anyone there?");
            await SetChannelDisabledAsync(app, StoreInstagram, disabled: true);
            var written = await OutboxAsync(app);
            await WebhookReceiver.EventuallyAsync(async () => (await OutboxAsync(app)).Any(e => e.Attempts > 0), "a refused delivery");
            Assert.All(await OutboxAsync(app), e => Assert.Equal(OutboxStatus.Pending, e.Status));

            app = await app.RestartAsync();
            await receiver.StartAgainAsync();

            await AllDeliveredAsync(app, written.Count);
            Assert.Equal(written.Select(e => e.EventId.ToString()).Order(), receiver.Accepted.Select(e => e.EventId!).Order());
            Assert.Equal(["Hello?", "Anyone there?"], receiver.Accepted.Where(e => e.Kind == WebhookKinds.Messages)
                .Select(e => e.Json.GetProperty("messages")[0].GetProperty("text").GetString()));
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_event_whose_delivery_was_in_flight_when_the_console_stopped_arrives_after_the_restart()
    {
        var app = Create();
        await using var receiver = await WebhookReceiver.StartAsync();
        try
        {
            await SubscribeAsync(app, receiver, Everything with { MessagesAndStatuses = false, ContactsAndDealsCreation = false });
            receiver.Hold();

            await SetChannelDisabledAsync(app, StoreInstagram, disabled: true);
            await receiver.EventuallyAsync(r => r.EventsArrived.Count == 1, "the delivery in flight");
            var eventId = receiver.EventsArrived[0].EventId;

            app = await app.RestartAsync();
            Assert.Equal(OutboxStatus.Pending, Assert.Single(await OutboxAsync(app)).Status);
            receiver.Release();

            await AllDeliveredAsync(app, 1);
            Assert.Equal(eventId, Assert.Single(receiver.Accepted).EventId);
            Assert.True(receiver.EventsArrived.Count >= 2, "the event was sent again after the restart");
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
