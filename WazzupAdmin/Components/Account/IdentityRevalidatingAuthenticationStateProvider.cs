using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WazzupAdmin.Data;
using WazzupAdmin.Services.Accounts;

namespace WazzupAdmin.Components.Account;

// This is a server-side AuthenticationStateProvider that revalidates the security stamp for the connected user
// every 30 minutes an interactive circuit is connected.
//
// Besides, it listens to SessionRevocations: when the account's sessions are ended (signed out elsewhere, locked,
// unlinked), the circuit becomes anonymous at once, and CurrentActor ends it on the first call that finds the session
// no longer holds.
internal sealed class IdentityRevalidatingAuthenticationStateProvider
    : RevalidatingServerAuthenticationStateProvider, IEndableAuthenticationState
{
    private readonly IServiceScopeFactory scopeFactory;
    private readonly IOptions<IdentityOptions> options;
    private readonly SessionRevocations revocations;

    public IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options, SessionRevocations revocations)
        : base(loggerFactory)
    {
        this.scopeFactory = scopeFactory;
        this.options = options;
        this.revocations = revocations;
        revocations.Revoked += OnRevoked;
    }

    public void EndSession() =>
        SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));

    private void OnRevoked(string accountId) => _ = EndIfAccountAsync(accountId);

    private async Task EndIfAccountAsync(string accountId)
    {
        var state = await GetAuthenticationStateAsync();
        if (state.User.FindFirstValue(options.Value.ClaimsIdentity.UserIdClaimType) == accountId)
        {
            EndSession();
        }
    }

    protected override void Dispose(bool disposing)
    {
        revocations.Revoked -= OnRevoked;
        base.Dispose(disposing);
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // Get the user manager from a new scope to ensure it fetches fresh data
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await ValidateSecurityStampAsync(userManager, authenticationState.User);
    }

    private async Task<bool> ValidateSecurityStampAsync(UserManager<ApplicationUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }
        else if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }
        else
        {
            var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
            var userStamp = await userManager.GetSecurityStampAsync(user);
            return principalStamp == userStamp;
        }
    }
}
