using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd.Pages;

/// <summary>/settings/channels/{id}/access: every CRM user's role on the channel, saved together.</summary>
public sealed partial class AccessPage(IPage page)
{
    public ILocator Heading => BlazorPage.Heading(page);

    public ILocator SaveButton => page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true });

    public ILocator DiscardButton => page.GetByRole(AriaRole.Button, new() { Name = "Discard changes", Exact = true });

    public ILocator ReloadButton => page.GetByRole(AriaRole.Button, new() { Name = "Reload", Exact = true });

    public ILocator SavedMessage => page.GetByText(SavedPattern());

    public ILocator ConflictMessage => page.GetByText("changed by someone else");

    public ILocator SearchUsers => page.GetByLabel("Search users", new() { Exact = true });

    public ILocator RoleFilter => page.GetByLabel("Filter by role", new() { Exact = true });

    /// <summary>The role select of a user; its chosen option's text is the role ("Manager", "Sales rep"...).</summary>
    public ILocator RoleOf(string userName) => page.GetByLabel($"Role of {userName}", new() { Exact = true });

    public ILocator ChosenRoleOf(string userName) => RoleOf(userName).Locator("option:checked");

    /// <summary>Shown only for sales reps.</summary>
    public ILocator ReceivesNewClients(string userName) => page.GetByLabel($"{userName} receives new clients", new() { Exact = true });

    /// <summary>A sales rep's live status: Online, Away or Offline.</summary>
    public ILocator StatusOf(string userName) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = userName }) }).GetByTestId("rep-status");

    public async Task<AccessPage> GotoAsync(string path, string channelName)
    {
        await BlazorPage.GotoAsync(page, path);
        return await WaitForAsync(channelName);
    }

    public async Task<AccessPage> WaitForAsync(string channelName)
    {
        await Expect(Heading).ToHaveTextAsync($"Access: {channelName}");
        await BlazorPage.WaitForInteractiveAsync(page);
        return this;
    }

    public async Task<string> RoleTextOfAsync(string userName) => (await ChosenRoleOf(userName).TextContentAsync() ?? "").Trim();

    public async Task SetRoleAsync(string userName, string role)
    {
        await RoleOf(userName).SelectOptionAsync(new SelectOptionValue { Label = role });
        // The choice counts once the circuit has it; the page marks the row unsaved then.
        await Expect(ChosenRoleOf(userName)).ToHaveTextAsync(role);
    }

    public async Task SetReceivesNewClientsAsync(string userName, bool receives)
    {
        var toggle = ReceivesNewClients(userName);
        if (await toggle.IsCheckedAsync() != receives)
        {
            await toggle.SetCheckedAsync(receives);
        }

        if (receives)
        {
            await Expect(toggle).ToBeCheckedAsync();
        }
        else
        {
            await Expect(toggle).Not.ToBeCheckedAsync();
        }
    }

    /// <summary>Clicks Save without expecting any particular outcome.</summary>
    public Task ClickSaveAsync() => SaveButton.ClickAsync();

    public async Task SaveAsync()
    {
        await ClickSaveAsync();
        await Expect(SavedMessage.First).ToBeVisibleAsync();
    }

    // "Saved" as a word of its own: "1 unsaved change" must not count.
    [GeneratedRegex(@"\bSaved\b")]
    private static partial Regex SavedPattern();
}
