using System.Globalization;
using Microsoft.AspNetCore.Localization;
using WazzupAdmin.Api;
using WazzupAdmin.Components;
using WazzupAdmin.Components.Account;

namespace WazzupAdmin.Extensions;

public static class RequestPipeline
{
    public static readonly CultureInfo[] SupportedCultures = [new("en"), new("es")];

    public static WebApplication UseApplicationPipeline(this WebApplication app)
    {
        app.UseIframeEmbedding();
        app.UseApiErrors();
        if (!app.Environment.IsDevelopment())
        {
            app.UseWhen(
                context => !context.Request.Path.StartsWithSegments(ApiV3.Prefix),
                branch => branch.UseExceptionHandler("/Error", createScopeForErrors: true));
        }

        // 403 and 404 are rendered by the status page with their status code kept.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en"),
            SupportedCultures = SupportedCultures,
            SupportedUICultures = SupportedCultures,
        });
        // Explicitly after the status pages: left to WebApplication, authorization would run first and a 403 would
        // leave with an empty body instead of the access-denied page.
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization, which is where an API request's key becomes the user the limit is counted for.
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapCultureEndpoint();
        app.MapHealthChecks("/health");
        app.MapApiV3();
        app.MapChatLinkEndpoints();
        return app;
    }

    private static void MapCultureEndpoint(this WebApplication app) =>
        app.MapGet("/culture/set", (HttpContext context, string culture, string? redirectUri) =>
        {
            if (SupportedCultures.Any(c => c.Name == culture))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
            }

            // Only local addresses: the picker must not become an open redirect.
            return Results.LocalRedirect(IsLocalPath(redirectUri) ? redirectUri : "/");
        });

    // The rule LocalRedirect enforces ("/x", not "//host" nor "/\host"), checked first so a bad address leads home
    // instead of throwing.
    private static bool IsLocalPath([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? path) =>
        !string.IsNullOrEmpty(path)
        && path[0] == '/'
        && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Any(char.IsControl);
}
