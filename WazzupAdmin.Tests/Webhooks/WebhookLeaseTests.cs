using WazzupAdmin.Data;

namespace WazzupAdmin.Tests.Webhooks;

/// <summary>
/// An event sent by one delivery worker at a time: a lease left by a console that crashed mid-delivery holds the event
/// (and its contact's later ones) back until it runs out, then another worker sends it. The same on both engines.
/// </summary>
public class WebhookLeaseTests : IAsyncLifetime
{
    private WebhookReceiver receiver = default!;
    private DeliveryInstances instances = default!;

    protected virtual StoreProvider Provider => StoreProvider.Sqlite;

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        instances = await DeliveryInstances.CreateAsync(Provider, 1, receiver);
    }

    public async Task DisposeAsync()
    {
        await instances.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task An_event_leased_by_a_console_that_crashed_is_sent_by_another_once_the_lease_runs_out_and_its_contacts_order_is_kept()
    {
        var written = await instances.WriteEventsAsync([("anna", "anna 1"), ("anna", "anna 2"), ("boris", "boris 1")]);
        var crashedAt = instances.Clock.GetUtcNow().UtcDateTime;
        await instances.InStoreAsync(async store =>
        {
            var first = await store.OutboxEvents.FindAsync(written[0].Id);
            (first!.LeasedBy, first.LeasedUntilUtc) = ("crashed-console", crashedAt + DeliveryInstances.LeaseLength);
            await store.SaveChangesAsync();
        });

        await instances.StartAllAsync();

        // Boris's event goes at once; Anna's first is still the crashed console's, and her second waits behind it.
        await receiver.EventuallyAsync(r => r.Accepted.Any(e => Text(e) == "boris 1"), "Boris's event delivered");
        Assert.Equal(["boris 1"], receiver.EventsArrived.Select(Text));
        // A second before the lease runs out the worker still passes it over: a later event of Carmen's, written now, is
        // delivered, and Anna's are not.
        instances.Clock.Advance(DeliveryInstances.LeaseLength - TimeSpan.FromSeconds(1));
        await instances.WriteEventsAsync([("carmen", "carmen 1")]);
        await receiver.EventuallyAsync(r => r.Accepted.Any(e => Text(e) == "carmen 1"), "Carmen's event delivered");
        Assert.Equal(["boris 1", "carmen 1"], receiver.EventsArrived.Select(Text));

        instances.Clock.Advance(TimeSpan.FromSeconds(2));

        await instances.AllDeliveredAsync(4);
        Assert.Equal(["boris 1", "carmen 1", "anna 1", "anna 2"], receiver.EventsArrived.Select(Text));
        Assert.All(await instances.OutboxAsync(), e => Assert.Null(e.LeasedBy));
    }

    internal static string Text(ReceivedHook hook) => hook.Json.GetProperty("messages")[0].GetProperty("text").GetString()!;
}

/// <summary>The same on PostgreSQL.</summary>
[Trait("Category", "Postgres")]
public sealed class WebhookLeaseTestsOnPostgres : WebhookLeaseTests
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
