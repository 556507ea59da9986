using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd.Pages;

/// <summary>/settings/channels/{id}/distribution: who the channel's next new client would go to.</summary>
public sealed partial class DistributionPage(IPage page)
{
    public ILocator Heading => BlazorPage.Heading(page);

    public ILocator Preview => page.GetByTestId("distribution-preview");

    public async Task<DistributionPage> GotoAsync(Guid channelId, string channelName)
    {
        await BlazorPage.GotoAsync(page, $"settings/channels/{channelId}/distribution");
        await Expect(Heading).ToHaveTextAsync($"Distribution: {channelName}");
        await Expect(Preview).ToBeVisibleAsync();
        return this;
    }

    /// <summary>The rep named in "Next new client goes to {name}." (in turn only).</summary>
    public async Task<string> NextRepAsync()
    {
        await Expect(Preview).ToContainTextAsync("Next new client goes to ");
        var match = NextRepPattern().Match(await Preview.TextContentAsync() ?? "");
        Assert.True(match.Success, "The preview names no next sales rep.");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"Next new client goes to (.+?)\.")]
    private static partial Regex NextRepPattern();
}
