using Microsoft.AspNetCore.Identity;
using WazzupAdmin.Data;

namespace WazzupAdmin.Services.Accounts;

/// <summary>Ends every session of an account at once: a new security stamp, made known to the open circuits.</summary>
public sealed class AccountSessions(UserManager<ApplicationUser> userManager, SessionRevocations revocations)
{
    public async Task EndAllAsync(ApplicationUser account)
    {
        ArgumentNullException.ThrowIfNull(account);
        await userManager.UpdateSecurityStampAsync(account);
        revocations.Revoke(account.Id, await userManager.GetSecurityStampAsync(account));
    }
}
