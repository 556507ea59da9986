using System.Globalization;
using Microsoft.AspNetCore.Localization;
using WazzupAdmin.Components;
using WazzupAdmin.Components.Account;

namespace WazzupAdmin.Extensions;

public static class RequestPipeline
{
    public static readonly CultureInfo[] SupportedCultures = [new("en"), new("es")];

    public static WebApplication UseApplicationPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        // 403 and 404 are rendered by the status page with their status code kept.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en"),
            SupportedCultures = SupportedCultures,
            SupportedUICultures = SupportedCultures,
        });
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapCultureEndpoint();
        app.MapHealthChecks("/health");
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
            var target = string.IsNullOrEmpty(redirectUri) || !redirectUri.StartsWith('/') || redirectUri.StartsWith("//", StringComparison.Ordinal)
                ? "/"
                : redirectUri;
            return Results.LocalRedirect(target);
        });
}
