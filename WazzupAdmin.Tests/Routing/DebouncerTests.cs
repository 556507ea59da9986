using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WazzupAdmin.Services;

namespace WazzupAdmin.Tests.Routing;

/// <summary>The debounce behind the routing numbers page's live refresh, on a fake clock.</summary>
[Trait("Category", "Routing")]
public sealed class DebouncerTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly SemaphoreSlim ran = new(0);
    private readonly Debouncer debouncer;
    private Func<Task> action = () => Task.CompletedTask;
    private int runs;

    public DebouncerTests() => debouncer = new Debouncer(Interval, clock, NullLogger.Instance, async () =>
    {
        await action();
        Interlocked.Increment(ref runs);
        ran.Release();
    });

    public void Dispose()
    {
        debouncer.Dispose();
        ran.Dispose();
    }

    [Fact]
    public async Task A_burst_of_triggers_runs_the_action_once_when_the_interval_has_passed()
    {
        for (var i = 0; i < 5; i++)
        {
            debouncer.Trigger();
        }

        clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, Volatile.Read(ref runs));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await ran.WaitAsync(Patience), "The action did not run once the interval had passed.");
        clock.Advance(Interval * 3);
        Assert.Equal(1, Volatile.Read(ref runs));
    }

    [Fact]
    public async Task A_trigger_while_the_action_runs_brings_exactly_one_more_run_after_it()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        action = async () =>
        {
            started.TrySetResult();
            await release.Task;
        };
        debouncer.Trigger();
        clock.Advance(Interval);
        await started.Task.WaitAsync(Patience);

        debouncer.Trigger();
        debouncer.Trigger();
        action = () => Task.CompletedTask;
        release.SetResult();
        Assert.True(await ran.WaitAsync(Patience), "The first run did not end.");
        clock.Advance(Interval);

        Assert.True(await ran.WaitAsync(Patience), "The triggers during the first run brought no second run.");
        clock.Advance(Interval * 3);
        Assert.Equal(2, Volatile.Read(ref runs));
    }

    [Fact]
    public void Once_disposed_it_runs_nothing()
    {
        debouncer.Trigger();
        debouncer.Dispose();
        debouncer.Trigger();

        clock.Advance(Interval * 3);

        Assert.Equal(0, Volatile.Read(ref runs));
    }
}
