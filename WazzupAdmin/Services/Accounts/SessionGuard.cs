using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WazzupAdmin.Data;

namespace WazzupAdmin.Services.Accounts;

/// <summary>An authentication state that can be ended from the server side (the circuit's, see IdentityRevalidatingAuthenticationStateProvider).</summary>
public interface IEndableAuthenticationState
{
    /// <summary>From now on the circuit is signed out; its pages re-render as for an anonymous visitor.</summary>
    void EndSession();
}

/// <summary>
/// Checks, on every use case call, that the account session a principal stands for still holds: the account exists,
/// its security stamp is the one the session began with, it is not locked out, and it still has the administrator
/// role the session claims. A circuit keeps its principal for as long as the window is open, so without this a
/// signed-out, locked or unlinked account would keep reading and writing until the 30-minute revalidation.
/// <para>
/// A principal without a security stamp is not an account session (an API key's, or one a test builds by hand) and is
/// left to the rules of its own kind. One query by primary key per call.
/// </para>
/// </summary>
public sealed class SessionGuard(
    IDbContextFactory<AppDbContext> dbFactory, SessionRevocations revocations, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    public async Task<bool> HoldsAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var accountId = principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType);
        if (principal.Identity?.IsAuthenticated != true || stamp is null || accountId is null)
        {
            return true;
        }

        if (revocations.IsRevoked(accountId, stamp))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await SessionOf.For(db)(db, accountId, cancellationToken);
        return account is not null
            && account.SecurityStamp == stamp
            && !(account.LockoutEnd > clock.GetUtcNow())
            && (account.IsAdministrator || !principal.IsInRole(Roles.Administrator));
    }

    private sealed record AccountSession(string? SecurityStamp, DateTimeOffset? LockoutEnd, bool IsAdministrator);

    // Compiled once: it runs before every use case call of every signed-in window.
    private static readonly CompiledQuery<Func<AppDbContext, string, CancellationToken, Task<AccountSession?>>> SessionOf = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, string accountId, CancellationToken cancellationToken) => db.Users.AsNoTracking()
            .Where(u => u.Id == accountId)
            .Select(u => new AccountSession(
                u.SecurityStamp,
                u.LockoutEnd,
                db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Administrator))))
            .FirstOrDefault()));
}
