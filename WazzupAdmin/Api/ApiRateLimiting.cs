using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace WazzupAdmin.Api;

/// <summary>At most 500 requests in any 5 seconds per API key, as the real product allows; past that, 429 with Retry-After.</summary>
public static class ApiRateLimiting
{
    public const string PolicyName = "api-key";

    /// <summary>500 requests in 5 seconds unless the configuration says otherwise.</summary>
    public static (int PermitLimit, TimeSpan Window) Limits(IConfiguration configuration) =>
        (configuration.GetValue("Api:RateLimit:PermitLimit", 500),
         TimeSpan.FromSeconds(configuration.GetValue("Api:RateLimit:WindowSeconds", 5.0)));

    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var (permitLimit, window) = Limits(configuration);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(PolicyName, context =>
            {
                var keyId = context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim);
                // Requests without a valid key are refused by authorization and cost nothing here.
                return keyId is null
                    ? RateLimitPartition.GetNoLimiter("anonymous")
                    : RateLimitPartition.GetSlidingWindowLimiter(keyId, _ => new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = permitLimit,
                        Window = window,
                        SegmentsPerWindow = 5,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero
                    ? after
                    : window / 5;
                var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiErrors.WriteAsync(
                    context.HttpContext.Response, StatusCodes.Status429TooManyRequests, ApiErrors.TooManyRequests,
                    $"More than {permitLimit} requests in {window.TotalSeconds:0.#} seconds with this key. Retry after {seconds} s.",
                    cancellationToken);
            };
        });
        return services;
    }
}
