using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Identity;
using WazzupAdmin.Components.Pages.Settings.Accounts;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;

namespace WazzupAdmin.Tests.Components.Settings.Accounts;

public sealed class AccountsPageTests : AdminPageTest
{
    private const string Boris = "boris@wazzup.demo";

    protected override bool WithAccounts => true;

    [Fact]
    public async Task Setting_a_password_refuses_a_weak_one_next_to_the_field_then_takes_a_good_one()
    {
        var page = RenderPage();

        Row(page, Boris).QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Set password").Click();
        page.WaitForAssertion(() => Assert.Contains($"New password for {Boris}", page.Markup, StringComparison.Ordinal), Patience);
        InputLabelled(page.Nodes, "New password").Change("short");
        Button(page.Nodes, "Save password").Click();
        page.WaitForAssertion(() => Assert.Contains("Passwords must be at least", FieldLabelled(page.Nodes, "New password").TextContent, StringComparison.Ordinal), Patience);

        InputLabelled(page.Nodes, "New password").Change("Fresh-pass-2026");
        Button(page.Nodes, "Save password").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains($"The password of {Boris} was set.", Snackbars.Markup, StringComparison.Ordinal), Patience);
        Assert.DoesNotContain($"New password for {Boris}", page.Markup, StringComparison.Ordinal);
        var users = Service<UserManager<ApplicationUser>>();
        var boris = (await users.FindByEmailAsync(Boris))!;
        Assert.True(await users.CheckPasswordAsync(boris, "Fresh-pass-2026"));
        Assert.False(await users.CheckPasswordAsync(boris, DemoWorkspace.UserPassword));
    }

    [Fact]
    public async Task Deleting_asks_first_then_the_account_leaves_the_list()
    {
        var page = RenderPage();

        page.Find($"button[aria-label='Delete {Boris}']").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains($"Delete {Boris}?", Dialogs.Markup, StringComparison.Ordinal), Patience);
        Button(Dialogs.Nodes, "Delete").Click();

        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("tbody tr"), r => r.TextContent.Contains(Boris, StringComparison.Ordinal)), Patience);
        Assert.Null(await Service<UserManager<ApplicationUser>>().FindByEmailAsync(Boris));
    }

    [Fact]
    public async Task The_administrator_switch_gives_the_role_and_refuses_taking_the_last_administrators_next_to_the_row()
    {
        var page = RenderPage();

        Row(page, Boris).QuerySelector("input[type=checkbox]")!.Change(true);
        page.WaitForAssertion(() => Assert.Contains("Yes", Row(page, Boris).Children[1].TextContent, StringComparison.Ordinal), Patience);
        var users = Service<UserManager<ApplicationUser>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync(Boris))!, Roles.Administrator));

        Row(page, Boris).QuerySelector("input[type=checkbox]")!.Change(false);
        page.WaitForAssertion(() => Assert.Contains("No", Row(page, Boris).Children[1].TextContent, StringComparison.Ordinal), Patience);

        Row(page, DemoWorkspace.AdminEmail).QuerySelector("input[type=checkbox]")!.Change(false);

        page.WaitForAssertion(() => Assert.Contains("At least one administrator must remain.",
            Row(page, DemoWorkspace.AdminEmail).TextContent, StringComparison.Ordinal), Patience);
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync(DemoWorkspace.AdminEmail))!, Roles.Administrator));
    }

    private static IElement Row(IRenderedComponent<AccountsPage> page, string email) =>
        page.FindAll("tbody tr").Single(r => r.Children[0].TextContent.Trim() == email);

    private IRenderedComponent<AccountsPage> RenderPage()
    {
        var page = Render<AccountsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr")), Patience);
        return page;
    }
}
