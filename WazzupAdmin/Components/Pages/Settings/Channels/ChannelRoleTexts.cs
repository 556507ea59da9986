using Microsoft.Extensions.Localization;
using WazzupAdmin.Components.Shared;
using WazzupAdmin.Domain.Access;

namespace WazzupAdmin.Components.Pages.Settings.Channels;

/// <summary>The administrator's words for the channel roles, shared by the pickers and the role guide.</summary>
internal static class ChannelRoleTexts
{
    public static string Name(IStringLocalizer L, ChannelRole role) => role switch
    {
        ChannelRole.NoAccess => L["No access"],
        ChannelRole.QualityControl => L["Quality control"],
        ChannelRole.SalesRep => L["Sales rep"],
        ChannelRole.Manager => L["Manager"],
        _ => role.ToString(),
    };

    public static string Explanation(IStringLocalizer L, ChannelRole role) => role switch
    {
        ChannelRole.NoAccess => L["Sees nothing of the channel and writes to nobody."],
        ChannelRole.QualityControl => L["Sees every conversation of the channel and writes to nobody."],
        ChannelRole.SalesRep => L["Sees and writes to only the clients they are responsible for in the CRM, plus new clients offered to them while unclaimed."],
        ChannelRole.Manager => L["Sees every conversation of the channel and may write to any client."],
        _ => "",
    };

    public static IReadOnlyList<Choice<ChannelRole>> Choices(IStringLocalizer L) =>
        [.. Enum.GetValues<ChannelRole>().Select(r => new Choice<ChannelRole>(r, Name(L, r)))];
}
