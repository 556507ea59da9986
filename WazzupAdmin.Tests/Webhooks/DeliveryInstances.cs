using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Services.Webhooks;
using WazzupAdmin.Tests.Components;

namespace WazzupAdmin.Tests.Webhooks;

/// <summary>
/// The webhook delivery workers of several consoles on one store, each with services of its own (pool, wake-up signal,
/// HTTP clients), as separate processes on one PostgreSQL database are, subscribed to one receiver. The workers share
/// one fake clock, so a test decides when leases run out; they start when the test says.
/// </summary>
public sealed class DeliveryInstances : IAsyncDisposable
{
    private readonly ComponentTestDb db;
    private readonly List<ServiceProvider> providers;
    private readonly List<WebhookDeliveryWorker> workers;
    private readonly HashSet<int> running = [];

    private DeliveryInstances(ComponentTestDb db, List<ServiceProvider> providers, FakeTimeProvider clock)
    {
        this.db = db;
        this.providers = providers;
        Clock = clock;
        workers = [.. providers.Select(p => ActivatorUtilities.CreateInstance<WebhookDeliveryWorker>(p, (TimeProvider)clock))];
    }

    public FakeTimeProvider Clock { get; }

    public IReadOnlyList<WebhookDeliveryWorker> Workers => workers;

    /// <summary>How long a worker here holds an event it sends.</summary>
    public static TimeSpan LeaseLength => DeliveryLease.Length(Options.AttemptTimeout, Options.ImmediateRetries, Options.ImmediateRetryDelay);

    private static WebhookOptions Options { get; } = new()
    {
        AllowPrivateNetworks = true,
        PollInterval = TimeSpan.FromMilliseconds(50),
        RetryBase = TimeSpan.FromMilliseconds(50),
        RetryCap = TimeSpan.FromMilliseconds(500),
        ImmediateRetries = 0,
    };

    public static async Task<DeliveryInstances> CreateAsync(StoreProvider provider, int count, WebhookReceiver receiver)
    {
        var first = new ServiceCollection();
        var db = ComponentTestDb.AddTo(first, provider);
        var providers = new List<ServiceProvider> { Configure(first).BuildServiceProvider() };
        await db.SeedAsync(providers[0]);
        for (var i = 1; i < count; i++)
        {
            var next = new ServiceCollection();
            db.AddSecondInstanceTo(next);
            providers.Add(Configure(next).BuildServiceProvider());
        }

        var instances = new DeliveryInstances(db, providers, new FakeTimeProvider(DateTimeOffset.UtcNow));
        await instances.InStoreAsync(async store =>
        {
            var settings = await store.WebhookSettings.FirstOrDefaultAsync(s => s.Id == WebhookSettings.SingletonId);
            if (settings is null)
            {
                settings = new WebhookSettings();
                store.WebhookSettings.Add(settings);
            }

            (settings.Uri, settings.Secret, settings.MessagesAndStatuses) = (receiver.Address, "secret", true);
            await store.SaveChangesAsync();
        });
        return instances;
    }

    /// <summary>Writes one pending <c>messages</c> event per (contact, text), in this order, due now on the fake clock.</summary>
    public Task<List<OutboxEvent>> WriteEventsAsync(IEnumerable<(string Contact, string Text)> events) => InStoreAsync(async store =>
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var written = events.Select(e =>
        {
            var eventId = Guid.NewGuid();
            return new OutboxEvent
            {
                EventId = eventId,
                Kind = WebhookKinds.Messages,
                OrderingKey = e.Contact,
                Payload = WebhookOutbox.Payload(eventId, WebhookKinds.Messages, new[] { new { chatId = e.Contact, text = e.Text } }),
                Status = OutboxStatus.Pending,
                CreatedAtUtc = now,
                NextAttemptAtUtc = now,
            };
        }).ToList();
        foreach (var outboxEvent in written)
        {
            // One by one, so that the ids follow the order written.
            store.OutboxEvents.Add(outboxEvent);
            await store.SaveChangesAsync();
        }

        return written;
    });

    public Task<List<OutboxEvent>> OutboxAsync() =>
        InStoreAsync(store => store.OutboxEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    public async Task<T> InStoreAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var store = await providers[0].GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await work(store);
    }

    public Task InStoreAsync(Func<AppDbContext, Task> work) => InStoreAsync(async store =>
    {
        await work(store);
        return true;
    });

    public Task AllDeliveredAsync(int count) =>
        WebhookReceiver.EventuallyAsync(async () =>
        {
            var outbox = await OutboxAsync();
            return outbox.Count == count && outbox.All(e => e.Status == OutboxStatus.Delivered);
        }, $"{count} events delivered");

    public async Task StartAsync(int instance)
    {
        running.Add(instance);
        await workers[instance].StartAsync(CancellationToken.None);
    }

    public async Task StartAllAsync()
    {
        for (var i = 0; i < workers.Count; i++)
        {
            await StartAsync(i);
        }
    }

    /// <summary>Stops one worker as its console's shutdown would: the request in flight is cut short.</summary>
    public async Task StopAsync(int instance)
    {
        if (running.Remove(instance))
        {
            await workers[instance].StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in running.ToList())
        {
            await StopAsync(instance);
        }

        foreach (var worker in workers)
        {
            worker.Dispose();
        }

        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        db.Dispose();
    }

    private static ServiceCollection Configure(ServiceCollection services)
    {
        services.Configure<WebhookOptions>(options =>
        {
            options.AllowPrivateNetworks = Options.AllowPrivateNetworks;
            options.PollInterval = Options.PollInterval;
            options.RetryBase = Options.RetryBase;
            options.RetryCap = Options.RetryCap;
            options.ImmediateRetries = Options.ImmediateRetries;
        });
        return services;
    }
}
