using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Npgsql;

namespace WazzupAdmin.Api;

/// <summary>What the limiter decided for one request: let through, or refused until <see cref="RetryAfter"/> has passed.</summary>
public sealed record RateDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static RateDecision Allow { get; } = new(true, TimeSpan.Zero);
}

/// <summary>Counts one request of an API key against <see cref="ApiLimitOptions.RateLimit"/>.</summary>
public interface IApiKeyRateLimiter
{
    ValueTask<RateDecision> AcquireAsync(int keyId, CancellationToken cancellationToken);
}

/// <summary>
/// At most 500 requests in any 5 seconds per API key, as the real product allows; past that, 429 with Retry-After. One
/// console on SQLite counts in its memory (<see cref="InMemoryApiKeyRateLimiter"/>); on PostgreSQL every instance counts
/// in the database (<see cref="PostgresApiKeyRateLimiter"/>), so a key's budget is the same however a load balancer
/// spreads its requests.
/// </summary>
public static class ApiRateLimiting
{
    /// <summary>The limiter of this store: the PostgreSQL one when the store is on PostgreSQL, else the in-memory one.</summary>
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<ApiLimitOptions>().BindConfiguration(ApiLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiLimitOptions>, ApiLimitOptionsValidation>();
        services.AddSingleton<IApiKeyRateLimiter>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ApiLimitOptions>>();
            var clock = provider.GetRequiredService<TimeProvider>();
            return provider.GetService<NpgsqlDataSource>() is { } dataSource
                ? new PostgresApiKeyRateLimiter(dataSource, clock, options)
                : new InMemoryApiKeyRateLimiter(options);
        });
        return services;
    }

    /// <summary>Marks the endpoints whose requests count against their key's limit (the API's groups).</summary>
    public static TBuilder RequireApiKeyRateLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ApiKeyRateLimited.Instance);

    /// <summary>
    /// After authorization, which is where an API request's key becomes the user the limit is counted for: requests
    /// without a valid key were refused there and cost nothing here.
    /// </summary>
    public static WebApplication UseApiKeyRateLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ApiKeyRateLimited>() is null
                || !int.TryParse(context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var keyId))
            {
                await next(context);
                return;
            }

            var decision = await context.RequestServices.GetRequiredService<IApiKeyRateLimiter>().AcquireAsync(keyId, context.RequestAborted);
            if (decision.Allowed)
            {
                await next(context);
                return;
            }

            var limit = context.RequestServices.GetRequiredService<IOptions<ApiLimitOptions>>().Value.RateLimit;
            var seconds = (int)Math.Ceiling(decision.RetryAfter.TotalSeconds);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await ApiErrors.WriteAsync(
                context.Response, StatusCodes.Status429TooManyRequests, ApiErrors.TooManyRequests,
                $"More than {limit.PermitLimit} requests in {limit.Window.TotalSeconds:0.#} seconds with this key. Retry after {seconds} s.",
                context.RequestAborted);
        });
        return app;
    }

    private sealed class ApiKeyRateLimited
    {
        public static readonly ApiKeyRateLimited Instance = new();
    }
}
