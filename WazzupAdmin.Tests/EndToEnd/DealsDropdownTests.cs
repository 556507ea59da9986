using System.Text.RegularExpressions;
using WazzupAdmin.Tests.EndToEnd.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd;

/// <summary>The chat window's Deals dropdown and the demo CRM tab it opens.</summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
public sealed class DealsDropdownTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private const string Boris = "boris@wazzup.demo";
    private const string Lucia = "Lucía Fernández";

    // Deals are created with Valeria, whose deals no other test counts.
    private const string Valeria = "Valeria Gómez";

    [Fact]
    public Task A_deal_created_in_the_demo_CRM_tab_is_in_the_chat_tabs_Deals_without_a_reload() => RunAsync(async sessions =>
    {
        var page = await sessions.OpenAsync("boris");
        var boris = await ChatPage.SignInAsync(page, Boris);
        await boris.OpenAsync(Valeria);
        await boris.OpenDealsAsync();
        var before = await boris.DealLinks.CountAsync();

        var crmTab = await page.Context.RunAndWaitForPageAsync(() => boris.CreateDealLink.ClickAsync());
        var name = $"Valeria: live {Guid.NewGuid().ToString("N")[..8]}";
        var newDeal = new DemoNewDealPage(crmTab);
        await newDeal.CreateAsync(name);
        await Expect(newDeal.DealStage).ToBeVisibleAsync();
        await Expect(newDeal.DealStage).Not.ToHaveTextAsync("No funnel");

        await page.BringToFrontAsync();
        await boris.CloseDealsAsync();
        await boris.OpenDealsAsync();

        await Expect(boris.DealLinks.Filter(new() { HasText = name })).ToHaveCountAsync(1);
        await Expect(boris.DealLinks).ToHaveCountAsync(before + 1);
    });

    [Fact]
    public Task The_Deals_dropdown_opens_the_contacts_own_CRM_page_first_in_a_new_tab() => RunAsync(async sessions =>
    {
        var page = await sessions.OpenAsync("boris");
        var boris = await ChatPage.SignInAsync(page, Boris);
        await boris.OpenAsync(Lucia);
        await boris.OpenDealsAsync();

        await Expect(boris.ContactPageLink).ToHaveAttributeAsync("href", new Regex("/demo-crm/contacts/c-1001$"));
        await Expect(boris.ContactPageLink).ToHaveAttributeAsync("target", "_blank");
        var contactTab = await page.Context.RunAndWaitForPageAsync(() => boris.ContactPageLink.ClickAsync());
        await Expect(BlazorPage.Heading(contactTab)).ToHaveTextAsync(Lucia);
    });

    [Fact]
    public Task The_Deals_dropdown_works_from_the_keyboard_and_a_click_beside_it_closes_it() => RunAsync(async sessions =>
    {
        var page = await sessions.OpenAsync("boris");
        var boris = await ChatPage.SignInAsync(page, Boris);
        await boris.OpenAsync(Lucia);

        await boris.DealsButton.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(boris.ContactPageLink).ToBeFocusedAsync();
        await Expect(boris.DealsButton).ToHaveAttributeAsync("aria-expanded", "true");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(boris.DealLinks.First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await Expect(boris.CreateDealLink).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(boris.ContactPageLink).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Escape");
        await Expect(boris.CreateDealLink).ToBeHiddenAsync();
        await Expect(boris.DealsButton).ToBeFocusedAsync();
        await Expect(boris.DealsButton).ToHaveAttributeAsync("aria-expanded", "false");

        await boris.DealsButton.ClickAsync();
        await Expect(boris.CreateDealLink).ToBeVisibleAsync();
        await boris.History.ClickAsync(new() { Force = true });
        await Expect(boris.CreateDealLink).ToBeHiddenAsync();
    });
}
