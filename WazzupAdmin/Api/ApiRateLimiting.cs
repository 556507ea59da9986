using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace WazzupAdmin.Api;

/// <summary>At most 500 requests in any 5 seconds per API key, as the real product allows; past that, 429 with Retry-After.</summary>
public static class ApiRateLimiting
{
    public const string PolicyName = "api-key";

    /// <summary>500 requests in 5 seconds unless <see cref="ApiLimitOptions.RateLimit"/> says otherwise.</summary>
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<ApiLimitOptions>().BindConfiguration(ApiLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiLimitOptions>, ApiLimitOptionsValidation>();
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(PolicyName, context =>
            {
                var keyId = context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim);
                var limit = Limit(context);
                // Requests without a valid key are refused by authorization and cost nothing here.
                return keyId is null
                    ? RateLimitPartition.GetNoLimiter("anonymous")
                    : RateLimitPartition.GetSlidingWindowLimiter(keyId, _ => new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = limit.PermitLimit,
                        Window = limit.Window,
                        SegmentsPerWindow = 5,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var limit = Limit(context.HttpContext);
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero
                    ? after
                    : limit.Window / 5;
                var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiErrors.WriteAsync(
                    context.HttpContext.Response, StatusCodes.Status429TooManyRequests, ApiErrors.TooManyRequests,
                    $"More than {limit.PermitLimit} requests in {limit.Window.TotalSeconds:0.#} seconds with this key. Retry after {seconds} s.",
                    cancellationToken);
            };
        });
        return services;
    }

    private static WindowLimit Limit(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<ApiLimitOptions>>().Value.RateLimit;
}
