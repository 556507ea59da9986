using Microsoft.AspNetCore.Components;
using WazzupAdmin.Domain.Security;

namespace WazzupAdmin.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    /// <summary>
    /// Follows a local path only (the rule of <see cref="LocalPath"/>); anything else, including an address that
    /// would make the navigation manager throw, leads home instead, so a crafted ReturnUrl never leaves the site and
    /// never breaks a sign-in that succeeded.
    /// </summary>
    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalPath.OrHome(uri));
}
