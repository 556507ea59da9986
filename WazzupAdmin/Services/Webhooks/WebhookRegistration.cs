using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace WazzupAdmin.Services.Webhooks;

public static class WebhookRegistration
{
    /// <summary>The client that delivers outbox events: per-request timeout and a few quick retries.</summary>
    public const string DeliveryClient = "webhook-delivery";

    /// <summary>The client of the "send test" request: one request, its answer shown as it is.</summary>
    public const string TestClient = "webhook-test";

    /// <summary>
    /// Settings, sender clients and the outbox's commit signal. The delivery worker is added apart, by the host
    /// (<see cref="AddWebhookDelivery"/>), so component tests get the use cases without a background worker.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidation>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<OutboxCommitInterceptor>();
        services.AddScoped<WebhookSettingsService>();
        services.AddSingleton<WebhookAddressGuard>();

        // The durable schedule is the outbox's (NextAttemptAtUtc, back-off up to an hour, dead letter after a day),
        // which survives restarts. The library's pipeline covers one delivery: each request is cut off after
        // AttemptTimeout, and a network error, timeout, 5xx, 408 or 429 is retried ImmediateRetries times at once-ish
        // (exponential, with jitter), so a blip costs seconds rather than a trip through the schedule.
        services.AddHttpClient(DeliveryClient, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(GuardedHandler)
            .AddResilienceHandler(DeliveryClient, (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value;
                if (options.ImmediateRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.ImmediateRetries,
                        Delay = options.ImmediateRetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        // A long Retry-After is the durable schedule's to honour, not a reason to hold the worker.
                        ShouldRetryAfterHeader = false,
                        OnRetry = arguments =>
                        {
                            arguments.Context.Properties.Set(WebhookSender.Retries, arguments.AttemptNumber + 1);
                            return ValueTask.CompletedTask;
                        },
                    });
                }

                pipeline.AddTimeout(options.AttemptTimeout);
            });
        services.AddHttpClient(TestClient, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(GuardedHandler)
            .AddResilienceHandler(TestClient, (pipeline, context) =>
                pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value.AttemptTimeout));
        return services;
    }

    /// <summary>
    /// Every connection of the webhook clients goes through the address guard, which resolves the name itself and
    /// connects only where it allows. No proxy: through one, the guard would only see the proxy's address.
    /// </summary>
    private static SocketsHttpHandler GuardedHandler(IServiceProvider services) => new()
    {
        ConnectCallback = services.GetRequiredService<WebhookAddressGuard>().ConnectAsync,
        UseProxy = false,
    };

    /// <summary>The background worker that delivers the outbox.</summary>
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services)
    {
        services.AddHostedService<WebhookDeliveryWorker>();
        return services;
    }
}
