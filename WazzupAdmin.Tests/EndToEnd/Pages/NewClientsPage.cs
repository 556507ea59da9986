using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd.Pages;

/// <summary>/settings/channels/{id}/new-clients: where deals for new clients go and how they are shared.</summary>
public sealed partial class NewClientsPage(IPage page)
{
    public const string FirstResponder = "First responder";
    public const string InTurn = "In turn";

    public ILocator Heading => BlazorPage.Heading(page);

    public ILocator Funnel => page.GetByLabel("Funnel", new() { Exact = true });

    public ILocator Stage => page.GetByLabel("Stage", new() { Exact = true });

    public ILocator ChosenFunnel => Funnel.Locator("option:checked");

    public ILocator ChosenStage => Stage.Locator("option:checked");

    public ILocator Algorithm(string name) => page.GetByRole(AriaRole.Radio, new() { Name = name, Exact = true });

    public ILocator EligibleReps => page.GetByRole(AriaRole.List, new() { Name = "Sales reps who would take part now", Exact = true });

    public ILocator NobodyWarning => page.GetByText("Nobody would receive new clients");

    public ILocator OnlyOnlineReps => page.GetByLabel("Only online sales reps receive new clients", new() { Exact = true });

    /// <summary>"Try before you save".</summary>
    public DryRunPanel DryRun => new(page);

    public ILocator SaveButton => page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true });

    public ILocator SavedMessage => page.GetByText(SavedPattern());

    public async Task<NewClientsPage> GotoAsync(string path, string channelName)
    {
        await BlazorPage.GotoAsync(page, path);
        return await WaitForAsync(channelName);
    }

    public async Task<NewClientsPage> WaitForAsync(string channelName)
    {
        await Expect(Heading).ToHaveTextAsync($"New clients: {channelName}");
        await BlazorPage.WaitForInteractiveAsync(page);
        return this;
    }

    public async Task<string> FunnelTextAsync() => (await ChosenFunnel.TextContentAsync() ?? "").Trim();

    public async Task ChooseFunnelAsync(string funnel)
    {
        await Funnel.SelectOptionAsync(new SelectOptionValue { Label = funnel });
        await Expect(ChosenFunnel).ToHaveTextAsync(funnel);
    }

    public async Task ChooseStageAsync(string stage)
    {
        // The stage list follows the funnel: wait until the circuit has sent the new funnel's stages.
        await Expect(Stage.GetByRole(AriaRole.Option, new() { Name = stage, Exact = true })).ToBeAttachedAsync();
        await Stage.SelectOptionAsync(new SelectOptionValue { Label = stage });
        await Expect(ChosenStage).ToHaveTextAsync(stage);
    }

    public async Task ChooseAlgorithmAsync(string name)
    {
        await Algorithm(name).CheckAsync();
        await Expect(Algorithm(name)).ToBeCheckedAsync();
    }

    public async Task SaveAsync()
    {
        await SaveButton.ClickAsync();
        await Expect(SavedMessage.First).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"\bSaved\b")]
    private static partial Regex SavedPattern();
}
