using AngleSharp.Dom;
using Bunit;
using WazzupAdmin.Components.Pages.Settings.Channels;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Tests.Components.Settings.Channels;

public sealed class ChannelAccessPageTests : ChannelPageTest
{
    private static readonly Dictionary<ChannelRole, string> RoleTexts = new()
    {
        [ChannelRole.NoAccess] = "No access",
        [ChannelRole.QualityControl] = "Quality control",
        [ChannelRole.SalesRep] = "Sales rep",
        [ChannelRole.Manager] = "Manager",
    };

    [Fact]
    public async Task Changing_a_role_marks_a_pending_change_and_saving_stores_it()
    {
        var page = RenderAccessPage(SalesWhatsApp);

        RoleSelectOf(page, "Greta Hansen").Change(nameof(ChannelRole.Manager));

        Assert.Contains("1 unsaved change", page.Markup, StringComparison.Ordinal);
        Assert.Equal(ChannelRole.NoAccess, await StoredRoleAsync(SalesWhatsApp, "Greta Hansen"));

        Button(page.Nodes, "Save").Click();

        AssertSavedMessage();
        page.WaitForAssertion(() => Assert.Contains("No unsaved changes", page.Markup, StringComparison.Ordinal));
        Assert.Equal(ChannelRole.Manager, await StoredRoleAsync(SalesWhatsApp, "Greta Hansen"));
    }

    [Fact]
    public async Task A_second_save_from_the_same_editor_is_not_taken_for_someone_elses_change()
    {
        var page = RenderAccessPage(SalesWhatsApp);
        RoleSelectOf(page, "Greta Hansen").Change(nameof(ChannelRole.Manager));
        Button(page.Nodes, "Save").Click();
        page.WaitForAssertion(() => Assert.Contains("No unsaved changes", page.Markup, StringComparison.Ordinal));

        RoleSelectOf(page, "Farid Khan").Change(nameof(ChannelRole.NoAccess));
        Button(page.Nodes, "Save").Click();

        page.WaitForAssertion(() => Assert.Contains("No unsaved changes", page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("changed by someone else", page.Markup, StringComparison.Ordinal);
        Assert.Equal(ChannelRole.NoAccess, await StoredRoleAsync(SalesWhatsApp, "Farid Khan"));
        Assert.Equal(ChannelRole.Manager, await StoredRoleAsync(SalesWhatsApp, "Greta Hansen"));
    }

    [Fact]
    public void The_receives_new_clients_switch_is_shown_only_for_sales_reps()
    {
        var page = RenderAccessPage(SalesWhatsApp);

        Assert.NotNull(SwitchOf(page, "Boris Ivanov"));
        Assert.Null(SwitchOf(page, "Anna Petrova"));
        Assert.Null(SwitchOf(page, "Elena Volkova"));
        Assert.Null(SwitchOf(page, "Greta Hansen"));

        RoleSelectOf(page, "Greta Hansen").Change(nameof(ChannelRole.SalesRep));
        RoleSelectOf(page, "Boris Ivanov").Change(nameof(ChannelRole.QualityControl));

        var gretasSwitch = SwitchOf(page, "Greta Hansen");
        Assert.NotNull(gretasSwitch);
        // Whoever becomes a sales rep receives new clients unless the administrator turns it off.
        Assert.True(IsOn(gretasSwitch));
        Assert.Null(SwitchOf(page, "Boris Ivanov"));
    }

    [Fact]
    public void Set_role_for_selected_sets_the_role_of_exactly_the_selected_users()
    {
        var page = RenderAccessPage(SalesWhatsApp);
        var before = Users(page).ToDictionary(name => name, name => ShownRoleOf(page, name));

        CheckboxLabelled(page, "Select Greta Hansen").Change(true);
        CheckboxLabelled(page, "Select Anna Petrova").Change(true);
        SelectLabelled(page, "Role for selected").Change(nameof(ChannelRole.QualityControl));
        Button(page.Nodes, "Set role for selected").Click();

        foreach (var (name, role) in before)
        {
            var expected = name is "Greta Hansen" or "Anna Petrova" ? "Quality control" : role;
            Assert.Equal(expected, ShownRoleOf(page, name));
        }

        Assert.Contains("2 unsaved changes", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copying_access_from_another_channel_replaces_every_users_access_in_the_editor_until_saved()
    {
        var page = RenderAccessPage(SalesWhatsApp);
        var storeInstagram = await Service<ChannelAccessService>().LoadUsersAsync(StoreInstagram);

        SelectLabelled(page, "Copy access from another channel").Change(StoreInstagram.ToString());
        Button(page.Nodes, "Copy access").Click();

        page.WaitForAssertion(() => Assert.Contains("Copied the access of Store Instagram", page.Markup, StringComparison.Ordinal));
        foreach (var user in storeInstagram)
        {
            Assert.Equal(RoleTexts[user.Role], ShownRoleOf(page, user.UserName));
            Assert.Equal(user.Role == ChannelRole.SalesRep ? (bool?)user.ReceivesNewClients : null, IsOn(SwitchOf(page, user.UserName)));
        }

        // Farid (sales rep here) and Greta (manager there) differ, among others: nothing is stored before Save.
        Assert.Equal(ChannelRole.SalesRep, await StoredRoleAsync(SalesWhatsApp, "Farid Khan"));
        Assert.Equal(ChannelRole.NoAccess, await StoredRoleAsync(SalesWhatsApp, "Greta Hansen"));

        Button(page.Nodes, "Save").Click();

        AssertSavedMessage();
        var stored = (await Service<ChannelAccessService>().LoadAsync(SalesWhatsApp))!.Users;
        Assert.Equal(storeInstagram.Select(u => (u.UserId, u.Role, u.ReceivesNewClients)), stored.Select(u => (u.UserId, u.Role, u.ReceivesNewClients)));
    }

    [Fact]
    public async Task A_concurrent_save_by_someone_else_gives_the_conflict_message_and_stores_nothing_from_the_stale_editor()
    {
        var page = RenderAccessPage(SalesWhatsApp);
        RoleSelectOf(page, "Greta Hansen").Change(nameof(ChannelRole.Manager));

        // Another administrator saves the same channel after this editor loaded it.
        var service = Service<ChannelAccessService>();
        var sheet = (await service.LoadAsync(SalesWhatsApp))!;
        var farid = sheet.Users.Single(u => u.UserName == "Farid Khan");
        var otherSave = await service.SaveAsync(SalesWhatsApp, sheet.Channel.Version, [farid with { Role = ChannelRole.Manager }]);
        Assert.True(otherSave.Succeeded);

        Button(page.Nodes, "Save").Click();

        page.WaitForAssertion(() => Assert.Contains(
            "This channel was changed by someone else since you opened it. Nothing was saved.", page.Markup, StringComparison.Ordinal));
        Assert.Equal(ChannelRole.NoAccess, await StoredRoleAsync(SalesWhatsApp, "Greta Hansen"));
        Assert.Equal(ChannelRole.Manager, await StoredRoleAsync(SalesWhatsApp, "Farid Khan"));

        Button(page.Nodes, "Reload").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Manager", ShownRoleOf(page, "Farid Khan"));
            Assert.Equal("No access", ShownRoleOf(page, "Greta Hansen"));
            Assert.Contains("No unsaved changes", page.Markup, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Discard_changes_reverts_the_editor_to_what_is_stored()
    {
        var page = RenderAccessPage(SalesWhatsApp);
        RoleSelectOf(page, "Greta Hansen").Change(nameof(ChannelRole.Manager));
        SwitchOf(page, "Boris Ivanov")!.Change(false);
        Assert.Contains("2 unsaved changes", page.Markup, StringComparison.Ordinal);

        Button(page.Nodes, "Discard changes").Click();

        Assert.Equal("No access", ShownRoleOf(page, "Greta Hansen"));
        Assert.True(IsOn(SwitchOf(page, "Boris Ivanov")));
        Assert.Contains("No unsaved changes", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Searching_by_name_and_filtering_by_role_narrow_the_users_shown()
    {
        var page = RenderAccessPage(SalesWhatsApp);

        InputLabelled(page.Nodes, "Search users").Input("lopez");
        Assert.Equal(["Carmen López"], Users(page));

        InputLabelled(page.Nodes, "Search users").Input("");
        SelectLabelled(page, "Filter by role").Change(nameof(ChannelRole.QualityControl));
        Assert.Equal(["Elena Volkova"], Users(page));

        SelectLabelled(page, "Filter by role").Change("");
        Assert.Equal(8, Users(page).Count);
    }

    [Fact]
    public void An_unknown_channel_says_it_was_not_found_and_links_back_to_the_channels()
    {
        var page = Render<ChannelAccessPage>(p => p.Add(x => x.ChannelId, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Equal("Channel not found", page.Find("h1").TextContent.Trim()));
        Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href") == "settings/channels" && a.TextContent.Trim() == "Back to channels");
    }

    private IRenderedComponent<ChannelAccessPage> RenderAccessPage(Guid channelId)
    {
        var page = Render<ChannelAccessPage>(p => p.Add(x => x.ChannelId, channelId));
        page.WaitForAssertion(() => Assert.StartsWith("Access: ", page.Find("h1").TextContent.Trim(), StringComparison.Ordinal));
        return page;
    }

    private async Task<ChannelRole> StoredRoleAsync(Guid channelId, string userName) =>
        (await Service<ChannelAccessService>().LoadAsync(channelId))!.Users.Single(u => u.UserName == userName).Role;

    private static List<string> Users(IRenderedComponent<ChannelAccessPage> page) =>
        [.. page.FindAll("tbody th[scope=row]").Select(th => th.ChildNodes.OfType<IText>().First().TextContent.Trim())];

    private static IElement SelectLabelled(IRenderedComponent<ChannelAccessPage> page, string label)
    {
        var id = page.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return page.Find($"select#{id}");
    }

    private static IElement RoleSelectOf(IRenderedComponent<ChannelAccessPage> page, string userName) =>
        page.Find($"select[aria-label='Role of {userName}']");

    private static string ShownRoleOf(IRenderedComponent<ChannelAccessPage> page, string userName) =>
        RoleSelectOf(page, userName).QuerySelector("option[selected]")!.TextContent.Trim();

    private static IElement? SwitchOf(IRenderedComponent<ChannelAccessPage> page, string userName) =>
        CheckboxLabelledBy(page, $"{userName} receives new clients");

    /// <summary>Whether a switch is shown on; null when there is no switch.</summary>
    private static bool? IsOn(IElement? toggle) => toggle?.HasAttribute("checked");

    private static IElement CheckboxLabelled(IRenderedComponent<ChannelAccessPage> page, string label) =>
        CheckboxLabelledBy(page, label) ?? throw new InvalidOperationException($"No checkbox is labelled \"{label}\".");

    // MudBlazor names its checkboxes and switches by a hidden text that the input points to with aria-labelledby.
    private static IElement? CheckboxLabelledBy(IRenderedComponent<ChannelAccessPage> page, string label) =>
        page.FindAll(".mud-sr-only").Where(s => s.TextContent.Trim() == label)
            .Select(s => page.FindAll($"input[type=checkbox][aria-labelledby='{s.Id}']").SingleOrDefault())
            .SingleOrDefault();
}
