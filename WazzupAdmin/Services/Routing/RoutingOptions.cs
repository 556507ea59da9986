using Microsoft.Extensions.Options;

namespace WazzupAdmin.Services.Routing;

/// <summary>The routing settings that are the console's rather than a channel's (section <c>Routing</c>).</summary>
public sealed class RoutingOptions
{
    public const string Section = "Routing";

    /// <summary>How long a sales rep stays online after closing their last chat window (a reload or a dropped connection is not leaving).</summary>
    public TimeSpan PresenceGracePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the offer timeout worker looks for offers that are due (every instance looks; each due offer is acted on once).</summary>
    public TimeSpan OfferTimeoutPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the queue's worker looks for waiting clients that no event announced could be taken now (a channel
    /// opening, the pace's minute passing, another instance's reps).
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(10);
}

internal sealed class RoutingOptionsValidation : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options) =>
        options.PresenceGracePeriod < TimeSpan.Zero || options.PresenceGracePeriod > TimeSpan.FromDays(1)
            ? ValidateOptionsResult.Fail("Routing:PresenceGracePeriod must be between 00:00:00 and 1.00:00:00")
            : options.OfferTimeoutPollInterval <= TimeSpan.Zero || options.OfferTimeoutPollInterval > TimeSpan.FromHours(1)
                ? ValidateOptionsResult.Fail("Routing:OfferTimeoutPollInterval must be more than 00:00:00 and at most 01:00:00")
                : options.QueuePollInterval <= TimeSpan.Zero || options.QueuePollInterval > TimeSpan.FromHours(1)
                    ? ValidateOptionsResult.Fail("Routing:QueuePollInterval must be more than 00:00:00 and at most 01:00:00")
                    : ValidateOptionsResult.Success;
}
