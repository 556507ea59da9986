using System.Diagnostics.CodeAnalysis;

namespace WazzupAdmin.Services;

/// <summary>Wakes a background worker as soon as there is work for it, rather than at its next poll.</summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "A singleton for the app's lifetime; a SemaphoreSlim whose wait handle is never asked for holds nothing to release")]
public abstract class WakeSignal
{
    private readonly SemaphoreSlim wake = new(0, 1);

    public void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake-pending: one wake-up covers everything before it.
        }
    }

    /// <returns>True when woken, false when <paramref name="timeout"/> passed.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => wake.WaitAsync(timeout, cancellationToken);

    /// <summary>
    /// Waits until woken or until <paramref name="interval"/> has passed on <paramref name="clock"/> (a test's fake clock
    /// moves it); true when woken.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan interval, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = wake.WaitAsync(Timeout.InfiniteTimeSpan, either.Token);
        var elapsed = Task.Delay(interval, clock, either.Token);
        await Task.WhenAny(woken, elapsed);
        await either.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // Woken, or the wait was cancelled before it took the wake-up (which then stays for the next wait).
            await woken;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
