using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace WazzupAdmin.Extensions;

/// <summary>The <c>Iframe</c> section: the CRM's origins that may embed the console's pages in a frame of their own.</summary>
public sealed class IframeOptions
{
    public const string Section = "Iframe";

    public const string FrameAncestorsKey = "Iframe:FrameAncestors";

    /// <summary>The origins as configured, such as <c>https://crm.example.com</c> or <c>https://*.example.com</c>.</summary>
    public IReadOnlyList<string> FrameAncestors { get; set; } = [];

    /// <summary>The configured origins without a trailing slash, each once.</summary>
    public IReadOnlyList<string> Origins => [.. FrameAncestors.Select(v => v.TrimEnd('/')).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// Reads <see cref="FrameAncestorsKey"/> as one string of origins (an environment variable) or a list of them
    /// (appsettings.json); the binder alone would drop the single string.
    /// </summary>
    public static void Bind(IframeOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(FrameAncestorsKey);
        options.FrameAncestors = !string.IsNullOrWhiteSpace(section.Value) && section.Value is var single
            ? single.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToArray();
    }
}

/// <summary>Refuses to start with an entry that is not an origin, so that a typo cannot break or widen the header.</summary>
public sealed partial class IframeOptionsValidation : IValidateOptions<IframeOptions>
{
    public ValidateOptionsResult Validate(string? name, IframeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var invalid = options.FrameAncestors.Where(v => !Origin().IsMatch(v)).ToList();
        return invalid.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{IframeOptions.FrameAncestorsKey} must list origins such as https://crm.example.com or https://*.example.com; not valid: {string.Join(", ", invalid)}");
    }

    [GeneratedRegex(@"^https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?/?$")]
    private static partial Regex Origin();
}
