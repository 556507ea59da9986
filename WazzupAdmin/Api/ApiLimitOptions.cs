using Microsoft.Extensions.Options;

namespace WazzupAdmin.Api;

/// <summary>The <c>Api</c> configuration section: how much the API lets one key, and one client address, ask.</summary>
public sealed class ApiLimitOptions
{
    public const string Section = "Api";

    /// <summary>Requests per key (<see cref="ApiRateLimiting"/>): 500 in 5 seconds, as the real product allows.</summary>
    public WindowLimit RateLimit { get; set; } = new() { PermitLimit = 500, WindowSeconds = 5 };

    /// <summary>Failed authentications per client address (<see cref="FailedAuthenticationThrottle"/>): 20 in 60 seconds.</summary>
    public WindowLimit FailedAuthentication { get; set; } = new() { PermitLimit = 20, WindowSeconds = 60 };
}

/// <summary>At most <see cref="PermitLimit"/> in any <see cref="WindowSeconds"/>.</summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }

    public double WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}

/// <summary>Refuses to start with a limit that would let nothing through or never end.</summary>
public sealed class ApiLimitOptionsValidation : IValidateOptions<ApiLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (key, limit) in new[] { ("RateLimit", options.RateLimit), ("FailedAuthentication", options.FailedAuthentication) })
        {
            if (limit.PermitLimit < 1)
            {
                failures.Add($"{ApiLimitOptions.Section}:{key}:PermitLimit must be at least 1, not {limit.PermitLimit}.");
            }

            if (limit.WindowSeconds is <= 0 or > 86_400)
            {
                failures.Add($"{ApiLimitOptions.Section}:{key}:WindowSeconds must be more than 0 and at most 86400, not {limit.WindowSeconds}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
