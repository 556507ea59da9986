using System.Diagnostics.CodeAnalysis;

namespace WazzupAdmin.Services.Webhooks;

/// <summary>Wakes the delivery worker as soon as events are committed, rather than at its next poll.</summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "A singleton for the app's lifetime; a SemaphoreSlim whose wait handle is never asked for holds nothing to release")]
public sealed class WebhookSignal
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
            // Already awake-pending: one wake-up covers every commit before it.
        }
    }

    /// <returns>True when woken, false when <paramref name="timeout"/> passed.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => wake.WaitAsync(timeout, cancellationToken);
}
