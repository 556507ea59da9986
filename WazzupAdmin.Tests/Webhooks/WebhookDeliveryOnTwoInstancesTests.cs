using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using static WazzupAdmin.Tests.Webhooks.WebhookLeaseTests;

namespace WazzupAdmin.Tests.Webhooks;

/// <summary>
/// The delivery workers of two consoles on one PostgreSQL database share its outbox: the CRM gets every event once,
/// each contact's in the order written, whichever console sends it.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class WebhookDeliveryOnTwoInstancesTests : IAsyncLifetime
{
    private WebhookReceiver receiver = default!;
    private DeliveryInstances instances = default!;

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        instances = await DeliveryInstances.CreateAsync(StoreProvider.Postgres, 2, receiver);
    }

    public async Task DisposeAsync()
    {
        await instances.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task Every_event_reaches_the_crm_exactly_once_and_each_contacts_in_order_when_two_consoles_deliver()
    {
        string[] contacts = ["anna", "boris", "carmen", "dmitri", "elena", "farid"];
        var written = await instances.WriteEventsAsync(
            Enumerable.Range(1, 8).SelectMany(n => contacts.Select(c => (c, $"{c} {n}"))));

        // Both start on the same backlog, so that both look for the same heads at the same moment.
        await instances.StartAllAsync();

        await instances.AllDeliveredAsync(written.Count);
        var arrived = receiver.EventsArrived;
        Assert.Equal(written.Select(e => e.EventId.ToString()).Order(), arrived.Select(e => e.EventId!).Order());
        foreach (var contact in contacts)
        {
            Assert.Equal(Enumerable.Range(1, 8).Select(n => $"{contact} {n}"),
                arrived.Select(Text).Where(t => t.StartsWith(contact + " ", StringComparison.Ordinal)));
        }

        Assert.All(await instances.OutboxAsync(), e => Assert.Null(e.LeasedBy));
    }

    [Fact]
    public async Task An_event_in_flight_when_its_console_stops_is_sent_by_the_other_at_once()
    {
        receiver.Hold();
        var written = await instances.WriteEventsAsync([("anna", "anna 1")]);
        await instances.StartAsync(0);
        await receiver.EventuallyAsync(r => r.EventsArrived.Count == 1, "the first console's request in flight");
        await instances.StartAsync(1);

        await instances.StopAsync(0);
        receiver.Release();

        // No clock moved: the stopping console ended its lease instead of leaving it to run out.
        await instances.AllDeliveredAsync(1);
        // Sent twice: the stopped console's request (its answer, if the CRM still gave one, went unread) and the other's.
        Assert.Equal([written[0].EventId.ToString(), written[0].EventId.ToString()], receiver.EventsArrived.Select(e => e.EventId));
        var delivered = Assert.Single(await instances.OutboxAsync());
        Assert.Equal(OutboxStatus.Delivered, delivered.Status);
    }
}
