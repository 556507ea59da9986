using Microsoft.AspNetCore.Components.Routing;
using WazzupAdmin.Components.Layout;

namespace WazzupAdmin.Tests.Components.Layout;

/// <summary>The navigation's links every account sees mark the current page themselves, by NavLink's rule.</summary>
public sealed class NavItemTests
{
    [Theory]
    [InlineData("", "", NavLinkMatch.All, true)]
    [InlineData("chat", "", NavLinkMatch.All, false)]
    [InlineData("?culture=es", "", NavLinkMatch.All, true)]
    [InlineData("chat", "chat", NavLinkMatch.Prefix, true)]
    [InlineData("chat/42", "chat", NavLinkMatch.Prefix, true)]
    [InlineData("Chat/42?tab=deals#top", "chat", NavLinkMatch.Prefix, true)]
    [InlineData("chat/", "chat", NavLinkMatch.All, true)]
    [InlineData("chat/42", "chat", NavLinkMatch.All, false)]
    [InlineData("chatter", "chat", NavLinkMatch.Prefix, false)]
    [InlineData("settings/channels", "chat", NavLinkMatch.Prefix, false)]
    public void A_link_is_the_current_page_when_its_address_is_the_pages_or_above_it_with_prefix_matching(
        string page, string href, NavLinkMatch match, bool current) =>
        Assert.Equal(current, NavItem.IsCurrent(page, href, match));
}
