using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Services.Routing;

namespace WazzupAdmin.Tests.Routing;

/// <summary>A rep is online while a chat window is open and for the grace period after the last one closes.</summary>
[Trait("Category", "Routing")]
public sealed class RepPresenceTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly RepPresence presence;
    private readonly List<string> changes = [];

    public RepPresenceTests()
    {
        presence = new RepPresence(clock, Options.Create(new RoutingOptions()), NullLogger<RepPresence>.Instance);
        presence.Subscribe(userId =>
        {
            lock (changes)
            {
                changes.Add(userId);
            }

            return Task.CompletedTask;
        });
    }

    public void Dispose() => presence.Dispose();

    [Fact]
    public void A_rep_without_a_window_is_offline_and_one_with_a_window_online()
    {
        Assert.Equal(Presence.Offline, presence.Of("u-boris", away: false));

        using var window = presence.WindowOpened("u-boris");

        Assert.Equal(Presence.Online, presence.Of("u-boris", away: false));
        Assert.Equal(Presence.Away, presence.Of("u-boris", away: true));
        Assert.Equal(["u-boris"], changes);
    }

    [Fact]
    public void A_rep_stays_online_for_the_grace_period_after_the_last_window_closes_and_is_then_announced_offline()
    {
        var first = presence.WindowOpened("u-boris");
        var second = presence.WindowOpened("u-boris");
        first.Dispose();
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(presence.IsOnline("u-boris"));

        second.Dispose();
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.True(presence.IsOnline("u-boris"));
        Assert.Equal(["u-boris"], changes);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(presence.IsOnline("u-boris"));
        Assert.Equal(["u-boris", "u-boris"], changes);
    }

    [Fact]
    public void A_reload_within_the_grace_period_is_not_leaving()
    {
        presence.WindowOpened("u-boris").Dispose();
        clock.Advance(TimeSpan.FromSeconds(30));
        using var again = presence.WindowOpened("u-boris");
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.True(presence.IsOnline("u-boris"));
        Assert.Equal(["u-boris"], changes);
    }

    [Fact]
    public async Task A_window_whose_browser_dropped_the_connection_stops_counting_after_the_grace_period_and_counts_again_on_reconnect()
    {
        var circuit = new ChatWindowCircuit(presence);
        using var window = circuit.Open("u-boris");
        Assert.True(presence.IsOnline("u-boris"));

        // The circuit outlives the connection by minutes; the rep is gone once the grace period has passed.
        await circuit.OnConnectionDownAsync(null!, CancellationToken.None);
        clock.Advance(new RoutingOptions().PresenceGracePeriod);
        Assert.False(presence.IsOnline("u-boris"));

        await circuit.OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.True(presence.IsOnline("u-boris"));
        Assert.Equal(["u-boris", "u-boris", "u-boris"], changes);
    }

    [Fact]
    public async Task A_window_closed_while_the_connection_was_down_does_not_come_back_on_reconnect()
    {
        var circuit = new ChatWindowCircuit(presence);
        var window = circuit.Open("u-boris");
        await circuit.OnConnectionDownAsync(null!, CancellationToken.None);
        window.Dispose();
        window.Dispose();

        await circuit.OnConnectionUpAsync(null!, CancellationToken.None);
        clock.Advance(new RoutingOptions().PresenceGracePeriod);

        Assert.False(presence.IsOnline("u-boris"));
    }

    [Fact]
    public void A_grace_timer_that_fires_a_moment_early_waits_out_the_rest_and_then_announces_the_rep_offline()
    {
        var early = new ManualTimers(clock.GetUtcNow());
        using var own = new RepPresence(early, Options.Create(new RoutingOptions()), NullLogger<RepPresence>.Instance);
        var announced = new List<bool>();
        own.Subscribe(userId =>
        {
            announced.Add(own.IsOnline(userId));
            return Task.CompletedTask;
        });
        own.WindowOpened("u-boris").Dispose();

        early.Now += new RoutingOptions().PresenceGracePeriod - TimeSpan.FromMilliseconds(2);
        early.FireDue();
        Assert.Equal([true], announced);

        early.Now += TimeSpan.FromMilliseconds(2);
        early.FireDue();
        Assert.Equal([true, false], announced);
        Assert.False(own.IsOnline("u-boris"));
    }

    /// <summary>A clock whose timers fire only when told, whatever it says the time is: as a real timer may, a moment early.</summary>
    private sealed class ManualTimers(DateTimeOffset start) : TimeProvider
    {
        private readonly List<(TimerCallback Callback, object? State)> pending = [];

        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            pending.Add((callback, state));
            return new Timer();
        }

        public void FireDue()
        {
            var due = pending.ToList();
            pending.Clear();
            foreach (var (callback, state) in due)
            {
                callback(state);
            }
        }

        private sealed class Timer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
