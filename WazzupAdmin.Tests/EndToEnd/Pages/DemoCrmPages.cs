using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd.Pages;

/// <summary>The demo CRM's New deal page (/demo-crm/deals/new), which the chat window's "Create deal" opens in a new tab.</summary>
public sealed class DemoNewDealPage(IPage page)
{
    public IPage Page => page;

    public ILocator DealName => page.GetByLabel("Deal name", new() { Exact = true });

    public ILocator CreateButton => page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true });

    /// <summary>The funnel and stage on the deal page the form leads to.</summary>
    public ILocator DealStage => page.Locator(".deal-stage");

    /// <summary>Creates the deal and waits for its page, headed by its name.</summary>
    public async Task CreateAsync(string name)
    {
        await BlazorPage.WaitForInteractiveAsync(page);
        await Expect(BlazorPage.Heading(page)).ToHaveTextAsync("New deal");
        await DealName.FillAsync(name);
        await CreateButton.ClickAsync();
        await Expect(BlazorPage.Heading(page)).ToHaveTextAsync(name);
    }
}
