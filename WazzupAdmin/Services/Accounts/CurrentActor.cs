using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using WazzupAdmin.Data;

namespace WazzupAdmin.Services.Accounts;

/// <summary>The signed-in account on whose behalf a use case runs.</summary>
public sealed record Actor(string AccountId, string Name);

/// <summary>
/// Resolves the signed-in account of the current circuit or request. Settings use cases call
/// <see cref="RequireAdministratorAsync"/> themselves, so the rule holds whatever page or request reaches them.
/// <para>
/// Every call also asks <paramref name="sessions"/> whether the account session still holds (signed out elsewhere,
/// locked, unlinked, deleted, its password or role changed): when it does not, the caller is nobody, so whatever the
/// open window sends is refused, and the circuit is told its session ended.
/// </para>
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authenticationStateProvider, SessionGuard? sessions = null)
{
    public async Task<ClaimsPrincipal> GetUserAsync()
    {
        var user = (await authenticationStateProvider.GetAuthenticationStateAsync()).User;
        if (sessions is null || await sessions.HoldsAsync(user))
        {
            return user;
        }

        (authenticationStateProvider as IEndableAuthenticationState)?.EndSession();
        return new ClaimsPrincipal(new ClaimsIdentity());
    }

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
