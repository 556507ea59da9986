using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using WazzupAdmin.Data;
using WazzupAdmin.Services.Accounts;

namespace WazzupAdmin.Components.Account;

public static class IdentityEndpoints
{
    /// <summary>
    /// Sign-out is a form post carrying the antiforgery token, never a link or a bare cross-site post: with frame
    /// ancestors configured the cookie is SameSite=None, so only the token tells the console's own form from another
    /// site's.
    /// </summary>
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");
        account.MapPost("/Logout", async (
            HttpContext context, [FromServices] IAntiforgery antiforgery, [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromServices] AccountSessions sessions) =>
        {
            // Minimal endpoints without form parameters are not checked by the antiforgery middleware on their own.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            // Signing out ends the account's every session, the open windows of other tabs and browsers included.
            if (await signInManager.UserManager.GetUserAsync(context.User) is { } user)
            {
                await sessions.EndAllAsync(user);
            }

            await signInManager.SignOutAsync();
            return Results.LocalRedirect("~/Account/Login");
        });
        return account;
    }
}
