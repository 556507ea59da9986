using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using WazzupAdmin.Data;

namespace WazzupAdmin.Services.Accounts;

/// <summary>The signed-in account on whose behalf a use case runs.</summary>
public sealed record Actor(string AccountId, string Name);

/// <summary>
/// Resolves the signed-in account of the current circuit or request. Settings use cases call
/// <see cref="RequireAdministratorAsync"/> themselves, so the rule holds whatever page or request reaches them.
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authenticationStateProvider)
{
    public async Task<ClaimsPrincipal> GetUserAsync() =>
        (await authenticationStateProvider.GetAuthenticationStateAsync()).User;

    public async Task<Actor> RequireAdministratorAsync()
    {
        var user = await GetUserAsync();
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(Roles.Administrator))
        {
            throw new UnauthorizedAccessException("Only administrators may change the settings.");
        }

        return new Actor(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", user.Identity.Name ?? "");
    }
}
