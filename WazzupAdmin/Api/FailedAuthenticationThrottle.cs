using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WazzupAdmin.Api;

/// <summary>
/// Counts failed API authentications per client address and, past <c>Api:FailedAuthentication:PermitLimit</c>
/// failures (20) in <c>Api:FailedAuthentication:WindowSeconds</c> (60) (<see cref="ApiLimitOptions.FailedAuthentication"/>), refuses that address's keys with 429 before
/// any of them is looked up: guessing keys, or a CRM stuck with a revoked one, can no longer make every request cost a
/// database lookup.
/// <para>
/// The per-key limit of <see cref="ApiRateLimiting"/> cannot do this: it only knows a key once the lookup has found
/// it. A throttled address is refused even with a valid key, since a throttle that let the right key through would
/// keep checking every guess. Fixed windows on the app's <see cref="TimeProvider"/>; the table of addresses is pruned
/// of expired windows when it grows, so invented addresses cannot grow it without bound.
/// </para>
/// </summary>
public sealed class FailedAuthenticationThrottle(TimeProvider clock, IOptions<ApiLimitOptions> options)
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);

    public int PermitLimit { get; } = options.Value.FailedAuthentication.PermitLimit;

    public TimeSpan WindowLength { get; } = options.Value.FailedAuthentication.Window;

    /// <returns>How long the address must wait, or null when it may try a key.</returns>
    public TimeSpan? RetryAfter(string address)
    {
        if (!windows.TryGetValue(address, out var window))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        lock (window)
        {
            var ends = window.Start + WindowLength;
            return window.Failures >= PermitLimit && now < ends ? ends - now : null;
        }
    }

    public void RecordFailure(string address)
    {
        var now = clock.GetUtcNow();
        if (windows.Count > PruneAbove)
        {
            Prune(now);
        }

        var window = windows.GetOrAdd(address, _ => new Window { Start = now });
        lock (window)
        {
            if (now >= window.Start + WindowLength)
            {
                window.Start = now;
                window.Failures = 0;
            }

            window.Failures++;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (address, window) in windows)
        {
            bool expired;
            lock (window)
            {
                expired = now >= window.Start + WindowLength;
            }

            if (expired)
            {
                windows.TryRemove(address, out _);
            }
        }
    }

    private sealed class Window
    {
        public DateTimeOffset Start { get; set; }

        public int Failures { get; set; }
    }
}
