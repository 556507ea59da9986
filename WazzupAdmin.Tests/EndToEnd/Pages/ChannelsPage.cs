using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd.Pages;

/// <summary>/settings/channels: one row per channel, with links to its access and new-client settings.</summary>
public sealed class ChannelsPage(IPage page)
{
    public const string Path = "settings/channels";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Channels", Level = 1, Exact = true });

    public async Task<ChannelsPage> GotoAsync()
    {
        await BlazorPage.GotoAsync(page, Path);
        await Expect(Heading).ToBeVisibleAsync();
        return this;
    }

    /// <summary>The table row of the channel with this exact name.</summary>
    public ILocator Row(string channelName) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = channelName, Exact = true }) });

    public async Task<AccessPage> OpenAccessAsync(string channelName)
    {
        await Row(channelName).GetByRole(AriaRole.Link, new() { Name = "Access", Exact = true }).ClickAsync();
        return await new AccessPage(page).WaitForAsync(channelName);
    }

    public async Task<NewClientsPage> OpenNewClientsAsync(string channelName)
    {
        await Row(channelName).GetByRole(AriaRole.Link, new() { Name = "New clients", Exact = true }).ClickAsync();
        return await new NewClientsPage(page).WaitForAsync(channelName);
    }

    /// <summary>The address of the channel's access page, read from its link (channel ids differ between consoles).</summary>
    public async Task<string> AccessPathAsync(string channelName) =>
        await Row(channelName).GetByRole(AriaRole.Link, new() { Name = "Access", Exact = true }).GetAttributeAsync("href")
            ?? throw new InvalidOperationException($"The Access link of {channelName} has no address.");

    public async Task<string> NewClientsPathAsync(string channelName) =>
        await Row(channelName).GetByRole(AriaRole.Link, new() { Name = "New clients", Exact = true }).GetAttributeAsync("href")
            ?? throw new InvalidOperationException($"The New clients link of {channelName} has no address.");
}
