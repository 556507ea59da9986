using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WazzupAdmin.Data;
using WazzupAdmin.Resources;
using WazzupAdmin.Services.Api;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Api;

/// <summary>
/// Opening a chat link (<c>GET /chat-link/{token}</c>): the browser is signed in as the CRM user's console account and
/// lands in the chat window. A session opened this way is a chat session: it carries the link's scope and never the
/// administrator role, so a CRM's API key cannot open the settings.
/// </summary>
public static class ChatLinkEndpoints
{
    public const string Prefix = "/chat-link";

    public static string PathFor(string token) => $"{Prefix}/{token}";

    public static IEndpointRouteBuilder MapChatLinkEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Prefix + "/{token}", OpenAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> OpenAsync(
        string token, HttpContext context, ChatLinkService links, SignInManager<ApplicationUser> signIn,
        IStringLocalizer<Strings> localizer, CancellationToken cancellationToken)
    {
        // Never cached or handed on: the address is a one-time credential.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        var link = await links.UseAsync(token, cancellationToken);
        var account = link is null ? null : await links.AccountForAsync(link.UserId, cancellationToken);
        if (link is null || account is null)
        {
            return NoLongerValid(localizer);
        }

        var principal = ChatLinkSessions.Narrow(await signIn.CreateUserPrincipalAsync(account), link.Scope, link.Filter,
            context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.RoleClaimType);
        await context.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });

        var target = "/chat";
        if (link.ActiveChat is not null && await links.ConversationOfAsync(link.ActiveChat, cancellationToken) is { } conversationId
            && await MaySeeAsync(context.RequestServices, principal, conversationId, cancellationToken))
        {
            target = $"/chat/{conversationId.ToString(CultureInfo.InvariantCulture)}";
        }

        return Results.Redirect(context.Request.PathBase + target);
    }

    /// <summary>Asks the chat window's own rules, as the new session, whether it may open the conversation.</summary>
    private static async Task<bool> MaySeeAsync(IServiceProvider services, ClaimsPrincipal principal, long conversationId, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return await scope.ServiceProvider.GetRequiredService<ChatReadingService>().OpenAsync(conversationId, cancellationToken) is not null;
    }

    private static IResult NoLongerValid(IStringLocalizer<Strings> localizer)
    {
        var title = Escape(localizer["This link is no longer valid"]);
        var text = Escape(localizer["A chat link works once and for 24 hours. Open the chat again from the CRM to get a new one."]);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var html = $"""
            <!DOCTYPE html>
            <html lang="{language}">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>{title} · WazzupAdmin</title>
            <style>body {"{"} font-family: Roboto, Helvetica, Arial, sans-serif; margin: 3rem auto; max-width: 36rem; padding: 0 1rem; color: #222; {"}"}</style></head>
            <body><main><h1>{title}</h1><p>{text}</p></main></body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: StatusCodes.Status410Gone);
    }

    // Only what HTML needs escaped, so that accented letters stay readable in the page's source.
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}

/// <summary>The claims of a session opened by a chat link, and how they survive the cookie's periodic refresh.</summary>
public static class ChatLinkSessions
{
    /// <summary>The account's principal made a chat session: without roles, with the link's scope (and filter for card).</summary>
    public static ClaimsPrincipal Narrow(ClaimsPrincipal principal, string scope, IReadOnlyList<ChatRef> filter, string roleClaimType)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var identity = (ClaimsIdentity)principal.Identity!;
        foreach (var role in identity.FindAll(roleClaimType).ToList())
        {
            identity.RemoveClaim(role);
        }

        identity.AddClaim(new Claim(ChatScope.ScopeClaim, scope));
        if (scope == ChatScope.Card)
        {
            identity.AddClaim(new Claim(ChatScope.FilterClaim, ChatScope.Serialize(filter)));
        }

        return principal;
    }

    /// <summary>
    /// The security stamp check rebuilds the principal from the account every 30 minutes; a chat session must stay
    /// one, so its scope claims are carried over and the roles left out again.
    /// </summary>
    public static IServiceCollection AddChatLinkSessions(this IServiceCollection services)
    {
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<IdentityOptions>>((options, identity) =>
            options.OnRefreshingPrincipal = context =>
            {
                var current = context.CurrentPrincipal;
                if (current?.FindFirstValue(ChatScope.ScopeClaim) is { } scope && context.NewPrincipal is { } next)
                {
                    var filter = ChatScope.Deserialize(current.FindFirstValue(ChatScope.FilterClaim)) ?? [];
                    context.NewPrincipal = Narrow(next, scope, filter, identity.Value.ClaimsIdentity.RoleClaimType);
                }

                return Task.CompletedTask;
            });
        return services;
    }
}
