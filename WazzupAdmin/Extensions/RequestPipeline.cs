using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using WazzupAdmin.Api;
using WazzupAdmin.Components;
using WazzupAdmin.Components.Account;
using WazzupAdmin.Domain.Security;

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
                context => !ApiV3.IsApiPath(context.Request.Path),
                branch => branch.UseExceptionHandler("/Error", createScopeForErrors: true));
        }

        // 403 and 404 are rendered by the status page with their status code kept; under the API they are JSON instead,
        // written inside the status pages so that they can be switched off there.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseApiStatusAnswers();
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
        app.UseApiKeyRateLimits();
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

    /// <summary>
    /// The language picker posts here with the antiforgery token: a plain GET would let any site change a visitor's
    /// language (and send them on) with a link.
    /// </summary>
    private static void MapCultureEndpoint(this WebApplication app) =>
        app.MapPost("/culture/set", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var culture = form["culture"].ToString();
            if (SupportedCultures.Any(c => c.Name == culture))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
            }

            // Only local addresses: the picker must not become an open redirect.
            return Results.LocalRedirect(LocalPath.OrHome(form["redirectUri"].ToString()));
        });
}
