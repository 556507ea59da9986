using Microsoft.Extensions.Options;

namespace WazzupAdmin.Services.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>How often the worker looks for due events when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first durable back-off; doubled after each failed request, up to <see cref="RetryCap"/>.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryCap { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An event still failing this long after it was written is dead-lettered.</summary>
    public TimeSpan DeadLetterAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The longest one request may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Quick retries inside one delivery, for a blip; longer outages are the outbox schedule's.</summary>
    public int ImmediateRetries { get; set; } = 2;

    public TimeSpan ImmediateRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Lets webhook addresses be, or resolve to, loopback, private, link-local, unique-local or multicast addresses.
    /// Off by default (see <see cref="WebhookAddressGuard"/>); for tests and demos with the CRM on the same machine.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Deliveries in flight at once, each for a different contact.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 4;
}

/// <summary>Refuses to start with intervals or counts the delivery worker cannot run with.</summary>
public sealed class WebhookOptionsValidation : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (key, value) in new[]
                 {
                     (nameof(options.PollInterval), options.PollInterval), (nameof(options.RetryBase), options.RetryBase),
                     (nameof(options.RetryCap), options.RetryCap), (nameof(options.DeadLetterAfter), options.DeadLetterAfter),
                     (nameof(options.AttemptTimeout), options.AttemptTimeout),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{WebhookOptions.Section}:{key} must be longer than zero, not {value}.");
            }
        }

        if (options.RetryCap < options.RetryBase)
        {
            failures.Add($"{WebhookOptions.Section}:RetryCap ({options.RetryCap}) must not be shorter than RetryBase ({options.RetryBase}).");
        }

        if (options.ImmediateRetries < 0 || options.ImmediateRetryDelay < TimeSpan.Zero)
        {
            failures.Add($"{WebhookOptions.Section}:ImmediateRetries and ImmediateRetryDelay must not be negative.");
        }

        if (options.MaxConcurrentDeliveries < 1)
        {
            failures.Add($"{WebhookOptions.Section}:MaxConcurrentDeliveries must be at least 1, not {options.MaxConcurrentDeliveries}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
