using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace WazzupAdmin.Api;

/// <summary>
/// The limit of one console on SQLite: .NET's sliding-window limiter per key in this process's memory, five segments a
/// window, no queue. Nothing else counts for the key, so nothing needs to be shared.
/// </summary>
public sealed class InMemoryApiKeyRateLimiter : IApiKeyRateLimiter, IDisposable
{
    private readonly WindowLimit limit;
    private readonly PartitionedRateLimiter<int> limiter;

    public InMemoryApiKeyRateLimiter(IOptions<ApiLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        limit = options.Value.RateLimit;
        limiter = PartitionedRateLimiter.Create<int, int>(keyId => RateLimitPartition.GetSlidingWindowLimiter(keyId, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            SegmentsPerWindow = 5,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public ValueTask<RateDecision> AcquireAsync(int keyId, CancellationToken cancellationToken)
    {
        using var lease = limiter.AttemptAcquire(keyId);
        if (lease.IsAcquired)
        {
            return ValueTask.FromResult(RateDecision.Allow);
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : limit.Window / 5;
        return ValueTask.FromResult(new RateDecision(false, retryAfter));
    }

    public void Dispose() => limiter.Dispose();
}
