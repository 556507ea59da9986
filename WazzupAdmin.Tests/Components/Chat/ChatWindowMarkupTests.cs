using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Components.Layout;
using WazzupAdmin.Components.Pages.Chat;

namespace WazzupAdmin.Tests.Components.Chat;

/// <summary>
/// The parts of the layout and the chat window written as plain markup in MudBlazor's classes, instead of its components:
/// they must still do what the components did.
/// </summary>
public sealed class ChatWindowMarkupTests : ChatComponentContext
{
    [Fact]
    public async Task The_away_switch_sets_the_rep_away_and_back_and_shows_it()
    {
        await SignInAsync("u-boris");
        var page = Render<ChatPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("input[role=switch]")), Patience);
        Assert.Equal("false", page.Find("input[role=switch]").GetAttribute("aria-checked"));

        page.Find("input[role=switch]").Change(true);

        page.WaitForAssertion(() => Assert.Equal("true", page.Find("input[role=switch]").GetAttribute("aria-checked")), Patience);
        Assert.Contains("mud-checked", page.Find(".away-switch .mud-switch-base").ClassList);
        Assert.True(await (await ChatAsAsync("u-boris")).Away.IsAwayAsync());

        page.Find("input[role=switch]").Change(false);

        page.WaitForAssertion(() => Assert.Equal("false", page.Find("input[role=switch]").GetAttribute("aria-checked")), Patience);
        Assert.DoesNotContain("mud-checked", page.Find(".away-switch .mud-switch-base").ClassList);
        Assert.False(await (await ChatAsAsync("u-boris")).Away.IsAwayAsync());
    }

    [Fact]
    public async Task On_a_wide_screen_the_first_toggle_closes_the_drawer_and_the_next_opens_it()
    {
        await SignInAsync("u-boris");
        var layout = await RenderLayoutAsync();
        var drawer = () => layout.Find("aside.mud-drawer").ClassList;
        Assert.Contains("mud-drawer--open", drawer());
        Assert.Contains("mud-drawer--initial", drawer());
        var toggles = layout.FindAll("button[aria-label='Toggle navigation']");
        Assert.Equal(["nav-toggle-wide", "nav-toggle-narrow"], toggles.Select(b => b.ClassList.Single(c => c.StartsWith("nav-toggle", StringComparison.Ordinal))));

        layout.Find("button.nav-toggle-wide").Click();

        Assert.Contains("mud-drawer--closed", drawer());
        Assert.Contains("mud-drawer-close-responsive-md-left", layout.Find(".mud-layout").ClassList);
        // The button used stays (with the focus); the other is hidden for good.
        Assert.Single(layout.FindAll("button.nav-toggle-unused"));
        Assert.Empty(layout.FindAll(".mud-drawer-overlay"));

        layout.FindAll("button[aria-label='Toggle navigation']").Single(b => !b.ClassList.Contains("nav-toggle-unused")).Click();

        Assert.Contains("mud-drawer--open", drawer());
        Assert.DoesNotContain("mud-drawer--initial", drawer());
        Assert.Contains("mud-drawer-open-responsive-md-left", layout.Find(".mud-layout").ClassList);
    }

    [Fact]
    public async Task On_a_narrow_screen_the_first_toggle_opens_the_drawer_over_the_page_and_a_click_beside_it_closes_it()
    {
        await SignInAsync("u-boris");
        var layout = await RenderLayoutAsync();

        layout.Find("button.nav-toggle-narrow").Click();

        Assert.Contains("mud-drawer--open", layout.Find("aside.mud-drawer").ClassList);
        layout.Find(".mud-drawer-overlay").Click();
        Assert.Contains("mud-drawer--closed", layout.Find("aside.mud-drawer").ClassList);
        Assert.Empty(layout.FindAll(".mud-drawer-overlay"));
    }

    [Fact]
    public async Task The_navigation_marks_the_current_page_and_shows_a_reps_unanswered_count()
    {
        await ReceiveAsync(new WazzupAdmin.Services.Chat.IncomingMessage(SalesWhatsApp.Id, "34600111222", null, "Are the doors ready?"));
        await SignInAsync("u-boris");
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("chat");

        var layout = await RenderLayoutAsync();

        layout.WaitForAssertion(() => Assert.Equal("1", layout.Find("[data-testid=unanswered-count]").TextContent), Patience);
        Assert.Equal("true", layout.Find(".mud-layout").GetAttribute("data-interactive"));
        var chat = layout.Find("a.mud-nav-link[href=chat]");
        Assert.Contains("active", chat.ClassList);
        Assert.DoesNotContain("active", layout.Find("a.mud-nav-link[href='']").ClassList);
        Assert.Contains("Sign out", layout.Find("form[action='Account/Logout'] button").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_administrators_layout_brings_the_popover_and_dialog_providers_the_settings_pages_need()
    {
        await SignInAsync("u-boris");
        var rep = await RenderLayoutAsync();
        Assert.Empty(rep.FindComponents<MudBlazor.MudPopoverProvider>());
        Assert.Empty(rep.FindComponents<MudBlazor.MudDialogProvider>());
        Assert.Single(rep.FindComponents<MudBlazor.MudSnackbarProvider>());
        Assert.Empty(rep.FindAll("a.mud-nav-link[href='settings/channels']"));

        await SignInWithRolesAsync(WazzupAdmin.Data.Demo.DemoWorkspace.AdminEmail);
        var admin = await RenderLayoutAsync();
        Assert.Single(admin.FindComponents<MudBlazor.MudPopoverProvider>());
        Assert.Single(admin.FindComponents<MudBlazor.MudDialogProvider>());
        Assert.NotEmpty(admin.FindAll("a.mud-nav-link[href='settings/channels']"));
    }

    private async Task<IRenderedComponent<MainLayout>> RenderLayoutAsync()
    {
        // The layout brings its own popover provider: the one the context renders for the window's parts would be a second.
        await DisposeComponentsAsync();
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return Render<MainLayout>(p => p.Add(x => x.Body, (Microsoft.AspNetCore.Components.RenderFragment)(b => b.AddContent(0, "The page"))));
    }
}
