using System.Text.RegularExpressions;
using WazzupAdmin.Api;

namespace WazzupAdmin.Extensions;

/// <summary>
/// Lets the CRM embed the console's pages (the chat window a chat link opens) in its own page. Instead of the
/// <c>X-Frame-Options: SAMEORIGIN</c> that antiforgery adds, every response says who may frame it with
/// <c>Content-Security-Policy: frame-ancestors 'self' &lt;Iframe:FrameAncestors&gt;</c>.
/// </summary>
public static partial class IframeEmbedding
{
    public const string FrameAncestorsKey = "Iframe:FrameAncestors";

    public static IServiceCollection AddIframeEmbedding(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = FrameAncestors(configuration);
        var policy = new FrameAncestorsPolicy($"frame-ancestors {string.Join(' ', origins.Prepend("'self'"))}");
        services.AddSingleton(policy);
        services.AddAntiforgery(options =>
        {
            options.SuppressXFrameOptionsHeader = true;
            if (origins.Count > 0)
            {
                options.Cookie.SameSite = SameSiteMode.None;
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            }
        });
        if (origins.Count > 0)
        {
            // In a frame of another site the browser only sends cookies marked SameSite=None, which it only accepts
            // with Secure: embedding across sites needs HTTPS.
            services.ConfigureApplicationCookie(options =>
            {
                options.Cookie.SameSite = SameSiteMode.None;
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            });
        }

        services.AddChatLinkSessions();
        return services;
    }

    public static WebApplication UseIframeEmbedding(this WebApplication app)
    {
        var policy = app.Services.GetRequiredService<FrameAncestorsPolicy>();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.Remove("X-Frame-Options");
                // Interactive pages come with Blazor's own "frame-ancestors 'self'", which this replaces, together
                // with the rest of the policy and the other headers every answer carries.
                SecurityHeaders.Apply(context, policy);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>The configured origins, each checked so that a typo cannot break or widen the header.</summary>
    public static IReadOnlyList<string> FrameAncestors(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(FrameAncestorsKey);
        // One string of origins (an environment variable) or a list of them (appsettings.json).
        var values = !string.IsNullOrWhiteSpace(section.Value) && section.Value is var single
            ? single.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToArray();
        var invalid = values.Where(v => !Origin().IsMatch(v)).ToList();
        if (invalid.Count > 0)
        {
            throw new InvalidOperationException(
                $"{FrameAncestorsKey} must list origins such as https://crm.example.com or https://*.example.com; not valid: {string.Join(", ", invalid)}");
        }

        return [.. values.Select(v => v.TrimEnd('/')).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    [GeneratedRegex(@"^https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?/?$")]
    private static partial Regex Origin();
}

/// <summary>The <c>frame-ancestors</c> directive every response carries.</summary>
public sealed record FrameAncestorsPolicy(string Header);
