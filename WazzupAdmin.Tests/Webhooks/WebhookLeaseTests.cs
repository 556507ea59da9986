using WazzupAdmin.Data;

namespace WazzupAdmin.Tests.Webhooks;

/// <summary>
/// An event is sent by one delivery worker at a time. On PostgreSQL a lease left by a console that crashed mid-delivery
/// holds the event (and its contact's later ones) back until it runs out, then another worker sends it; on a SQLite
/// file, which one console uses at a time, the restarted console ends such a lease at once.
/// </summary>
public sealed class WebhookLeaseTests : IAsyncLifetime
{
    private WebhookReceiver receiver = default!;
    private DeliveryInstances instances = default!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        if (instances is not null)
        {
            await instances.DisposeAsync();
        }

        await receiver.DisposeAsync();
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task On_postgres_an_event_leased_by_a_console_that_crashed_is_sent_by_another_once_the_lease_runs_out_in_its_contacts_order()
    {
        instances = await DeliveryInstances.CreateAsync(StoreProvider.Postgres, 1, receiver);
        await WriteWithFirstLeasedByACrashedConsoleAsync();

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

    [Fact]
    public async Task On_sqlite_a_lease_left_by_a_killed_console_is_ended_when_the_console_starts_again()
    {
        instances = await DeliveryInstances.CreateAsync(StoreProvider.Sqlite, 1, receiver);
        await WriteWithFirstLeasedByACrashedConsoleAsync();

        await instances.StartAllAsync();

        // The clock does not move: nothing waits for the lease to run out.
        await instances.AllDeliveredAsync(3);
        Assert.Equal(["anna 1", "anna 2"], receiver.EventsArrived.Select(Text).Where(t => t.StartsWith("anna", StringComparison.Ordinal)));
        Assert.Equal(3, receiver.EventsArrived.Count);
    }

    private async Task WriteWithFirstLeasedByACrashedConsoleAsync()
    {
        var written = await instances.WriteEventsAsync([("anna", "anna 1"), ("anna", "anna 2"), ("boris", "boris 1")]);
        var crashedAt = instances.Clock.GetUtcNow().UtcDateTime;
        await instances.InStoreAsync(async store =>
        {
            var first = await store.OutboxEvents.FindAsync(written[0].Id);
            (first!.LeasedBy, first.LeasedUntilUtc) = ("crashed-console", crashedAt + DeliveryInstances.LeaseLength);
            await store.SaveChangesAsync();
        });
    }

    internal static string Text(ReceivedHook hook) => hook.Json.GetProperty("messages")[0].GetProperty("text").GetString()!;
}
