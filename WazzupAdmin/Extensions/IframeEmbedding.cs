using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WazzupAdmin.Api;

namespace WazzupAdmin.Extensions;

/// <summary>
/// Lets the CRM embed the console's pages (the chat window a chat link opens) in its own page. Instead of the
/// <c>X-Frame-Options: SAMEORIGIN</c> that antiforgery adds, every response says who may frame it with
/// <c>Content-Security-Policy: frame-ancestors 'self' &lt;Iframe:FrameAncestors&gt;</c> (<see cref="IframeOptions"/>).
/// </summary>
public static class IframeEmbedding
{
    public static IServiceCollection AddIframeEmbedding(this IServiceCollection services)
    {
        services.AddOptions<IframeOptions>().Configure<IConfiguration>(IframeOptions.Bind).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IframeOptions>, IframeOptionsValidation>();
        services.AddSingleton(provider => new FrameAncestorsPolicy(
            $"frame-ancestors {string.Join(' ', provider.GetRequiredService<IOptions<IframeOptions>>().Value.Origins.Prepend("'self'"))}"));
        services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);
        services.AddOptions<AntiforgeryOptions>().Configure<IOptions<IframeOptions>>((options, iframe) => CrossSiteWhenEmbedded(options.Cookie, iframe.Value));
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<IframeOptions>>((options, iframe) => CrossSiteWhenEmbedded(options.Cookie, iframe.Value));
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

    // In a frame of another site the browser only sends cookies marked SameSite=None, which it only accepts with Secure:
    // embedding across sites needs HTTPS.
    private static void CrossSiteWhenEmbedded(CookieBuilder cookie, IframeOptions iframe)
    {
        if (iframe.Origins.Count > 0)
        {
            cookie.SameSite = SameSiteMode.None;
            cookie.SecurePolicy = CookieSecurePolicy.Always;
        }
    }
}

/// <summary>The <c>frame-ancestors</c> directive every response carries.</summary>
public sealed record FrameAncestorsPolicy(string Header);
