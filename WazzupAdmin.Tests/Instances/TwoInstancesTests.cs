using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Instances;
using WazzupAdmin.Services.Routing;
using WazzupAdmin.Tests.Api;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Instances;

/// <summary>
/// Two consoles on one PostgreSQL database, as two instances behind a load balancer: what one of them does reaches the
/// other's open windows, session registry, presence of reps and API keys through LISTEN/NOTIFY.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly Dictionary<string, string?> NoGrace = new() { ["Routing:PresenceGracePeriod"] = "00:00:00" };

    private AppFactory a = default!;
    private AppFactory b = default!;

    public async Task InitializeAsync()
    {
        a = new AppFactory { Provider = StoreProvider.Postgres, Settings = NoGrace };
        _ = a.Services;
        b = new AppFactory { Provider = StoreProvider.Postgres, PostgresDatabase = a.PostgresDatabase, Settings = NoGrace };
        _ = b.Services;
        await a.Services.GetRequiredService<PostgresInstanceListener>().Listening.WaitAsync(Patience);
        await b.Services.GetRequiredService<PostgresInstanceListener>().Listening.WaitAsync(Patience);
    }

    public async Task DisposeAsync()
    {
        await b.DisposeAsync();
        await a.DisposeAsync();
    }

    [Fact]
    public async Task A_new_client_received_by_one_instance_reaches_the_chat_windows_of_the_other()
    {
        var heardOnB = new TaskCompletionSource<ChatEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = b.Services.GetRequiredService<ChatNotifier>().Subscribe(e =>
        {
            if (e.Kind == ChatEventKind.NewClient)
            {
                heardOnB.TrySetResult(e);
            }

            return Task.CompletedTask;
        });

        ReceiveResult received;
        await using (var scope = a.Services.CreateAsyncScope())
        {
            received = await scope.ServiceProvider.GetRequiredService<IncomingMessageService>()
                .ReceiveAsync(new IncomingMessage(DemoWorkspace.Channels[1].Id, "olga_two_instances", "Olga", "Hello from A"));
        }

        Assert.True(received.Succeeded, string.Join("; ", received.Errors));
        var onB = await heardOnB.Task.WaitAsync(Patience);
        Assert.Equal(received.Received!.ConversationId, onB.ConversationId);
        Assert.Equal(DemoWorkspace.Channels[1].Id, onB.ChannelId);
        Assert.Contains(received.Received.ResponsibleUserId!, onB.Concerns ?? [received.Received.ResponsibleUserId!]);
    }

    [Fact]
    public async Task Changed_deals_published_on_one_instance_reach_the_deals_menus_of_the_other()
    {
        var heardOnB = new TaskCompletionSource<DealsChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = b.Services.GetRequiredService<ChatNotifier>().SubscribeDeals(d =>
        {
            heardOnB.TrySetResult(d);
            return Task.CompletedTask;
        });

        a.Services.GetRequiredService<ChatNotifier>().Publish(new DealsChanged(["c-1001"]));

        Assert.Equal(["c-1001"], (await heardOnB.Task.WaitAsync(Patience)).ContactIds);
    }

    [Fact]
    public async Task Sessions_ended_on_one_instance_are_refused_by_the_other_at_once()
    {
        var revocations = b.Services.GetRequiredService<SessionRevocations>();
        var endedOnB = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        revocations.Revoked += endedOnB.SetResult;

        a.Services.GetRequiredService<SessionRevocations>().Revoke("account-1", "stamp-2");

        Assert.Equal("account-1", await endedOnB.Task.WaitAsync(Patience));
        Assert.True(revocations.IsRevoked("account-1", "stamp-1"));
        Assert.False(revocations.IsRevoked("account-1", "stamp-2"));
    }

    [Fact]
    public async Task An_api_key_revoked_on_one_instance_is_refused_by_the_other_before_its_cache_would_let_go()
    {
        // A third instance whose clock stands still: its cache of keys never expires, so only the notification can end it.
        await using var frozen = new AppFactory
        {
            Provider = StoreProvider.Postgres,
            PostgresDatabase = a.PostgresDatabase,
            TestServices = services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow)),
        };
        await frozen.Services.GetRequiredService<PostgresInstanceListener>().Listening.WaitAsync(Patience);
        var key = await ApiClient.CreateKeyAsync(a);
        using var client = ApiClient.WithKey(frozen, key);
        using (var believed = await client.GetAsync("/v3/channels"))
        {
            Assert.Equal(HttpStatusCode.OK, believed.StatusCode);
        }

        await ApiClient.RevokeKeyAsync(a, key);

        var status = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 100 && status == HttpStatusCode.OK; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            using var response = await client.GetAsync("/v3/channels");
            status = response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task A_rep_whose_window_is_open_on_one_instance_is_online_for_the_routing_of_the_other()
    {
        var presenceOnA = a.Services.GetRequiredService<RepPresence>();
        Assert.False(presenceOnA.IsOnline("u-carmen"));

        var window = await ChangeSeenOnAsync(presenceOnA, "u-carmen", () => b.Services.GetRequiredService<RepPresence>().WindowOpened("u-carmen"));
        Assert.True(presenceOnA.IsOnline("u-carmen"));

        await ChangeSeenOnAsync(presenceOnA, "u-carmen", () =>
        {
            window.Dispose();
            return 0;
        });
        Assert.False(presenceOnA.IsOnline("u-carmen"));
    }

    [Fact]
    public async Task The_reps_of_an_instance_that_stops_go_offline_on_the_other()
    {
        var presenceOnA = a.Services.GetRequiredService<RepPresence>();
        await ChangeSeenOnAsync(presenceOnA, "u-dmitri", () => b.Services.GetRequiredService<RepPresence>().WindowOpened("u-dmitri"));
        Assert.True(presenceOnA.IsOnline("u-dmitri"));

        await ChangeSeenOnAsync(presenceOnA, "u-dmitri", () =>
        {
            b.Dispose();
            return 0;
        });
        Assert.False(presenceOnA.IsOnline("u-dmitri"));
    }

    private static async Task<T> ChangeSeenOnAsync<T>(RepPresence presence, string userId, Func<T> change)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = presence.Subscribe(id =>
        {
            if (id == userId)
            {
                seen.TrySetResult();
            }

            return Task.CompletedTask;
        });
        var result = change();
        await seen.Task.WaitAsync(Patience);
        return result;
    }
}
