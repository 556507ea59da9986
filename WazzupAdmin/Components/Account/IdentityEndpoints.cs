using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using WazzupAdmin.Data;

namespace WazzupAdmin.Components.Account;

public static class IdentityEndpoints
{
    /// <summary>Sign-out is a form post (antiforgery-checked by the pipeline), never a link that a page could trigger.</summary>
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");
        account.MapPost("/Logout", async ([FromServices] SignInManager<ApplicationUser> signInManager) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });
        return account;
    }
}
