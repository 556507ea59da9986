using System.Globalization;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Components.Pages.Settings.Channels;

/// <summary>Which users the access page shows: a name search (case and accents ignored) and a role.</summary>
public sealed record UserFilter(string? Search, ChannelRole? Role)
{
    public static UserFilter All { get; } = new(null, null);

    public bool Matches(UserAccess user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (Role is null || user.Role == Role)
            && (string.IsNullOrWhiteSpace(Search)
                || CultureInfo.CurrentCulture.CompareInfo.IndexOf(user.UserName, Search.Trim(), CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0);
    }
}
