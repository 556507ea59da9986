using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data;
using WazzupAdmin.Components.Pages.Chat;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Crm;

namespace WazzupAdmin.Tests.Components.Chat;

/// <summary>The Deals dropdown of the open conversation, over the demo CRM's deals.</summary>
public sealed class DealsMenuTests : ChatComponentContext
{
    // What ElementReference.FocusAsync calls in the browser.
    private const string Focus = "Blazor._internal.domWrapper.focus";

    private static readonly DemoWorkspace.DemoChannel StoreInstagram = DemoWorkspace.Channels[2];

    [Fact]
    public async Task Lists_only_the_signed_in_users_deals_with_the_contact_each_opening_in_a_new_tab()
    {
        // Lucía has deals with Boris (interior doors, the joint order) and with Carmen (oak flooring).
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34600111222", null, "Hi"));
        await SignInAsync("u-boris");

        var items = OpenMenu(lucia, "u-boris");

        var deals = items.Where(a => a.HasAttribute("data-deal-id")).ToList();
        Assert.Equal(["d-2001", "d-2015"], deals.Select(a => a.GetAttribute("data-deal-id")).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(items, a => a.TextContent.Contains("oak flooring", StringComparison.Ordinal));
        Assert.All(deals, a =>
        {
            Assert.Equal(DemoWorkspace.DealUri(a.GetAttribute("data-deal-id")!), a.GetAttribute("href"));
            Assert.Equal("_blank", a.GetAttribute("target"));
            Assert.Equal("noopener", a.GetAttribute("rel"));
            Assert.Contains("Open", a.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Open_deals_come_before_closed_ones_and_each_says_which_it_is()
    {
        // Pedro: Boris's wholesale order is open, his summer collection closed.
        var pedro = await ReceiveAsync(new IncomingMessage(StoreInstagram.Id, "pedro.alves", null, "Hi"));
        await SignInAsync("u-boris");

        var deals = OpenMenu(pedro, "u-boris").Where(a => a.HasAttribute("data-deal-id")).ToList();

        Assert.Equal(["d-2006", "d-2005"], deals.Select(a => a.GetAttribute("data-deal-id")));
        Assert.Equal("Open", deals[0].QuerySelector(".deal-state")!.TextContent.Trim());
        Assert.Equal("Closed", deals[1].QuerySelector(".deal-state")!.TextContent.Trim());
    }

    [Fact]
    public async Task Create_deal_links_to_the_CRM_address_built_from_the_template()
    {
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34600111222", null, "Hi"));
        await SignInAsync("u-boris");

        var createDeal = OpenMenu(lucia, "u-boris").Single(a => a.TextContent.Trim() == "Create deal");

        Assert.Equal(CrmLinks.CreateDealUrl(CreateDealTemplate, "c-1001", "u-boris"), createDeal.GetAttribute("href"));
        Assert.Equal("/demo-crm/deals/new?contactId=c-1001&userId=u-boris", createDeal.GetAttribute("href"));
        Assert.Equal("_blank", createDeal.GetAttribute("target"));
        Assert.Equal("noopener", createDeal.GetAttribute("rel"));
    }

    [Fact]
    public async Task With_no_deals_of_this_user_it_says_so_and_still_offers_create_deal()
    {
        // Anna manages the channel and sees Lucía, but none of Lucía's deals is hers.
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34600111222", null, "Hi"));
        await SignInAsync("u-anna");

        var items = OpenMenu(lucia, "u-anna");

        Assert.Contains("No deals with this client", Shown.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(items, a => a.HasAttribute("data-deal-id"));
        Assert.Equal("/demo-crm/deals/new?contactId=c-1001&userId=u-anna", items.Single(a => a.TextContent.Trim() == "Create deal").GetAttribute("href"));
    }

    [Fact]
    public async Task The_contacts_own_CRM_page_comes_first_above_the_deals_and_opens_in_a_new_tab()
    {
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34600111222", null, "Hi"));
        await SignInAsync("u-boris");

        var items = OpenMenu(lucia, "u-boris");

        Assert.Equal("Contact's page in the CRM", items[0].TextContent.Trim());
        Assert.Equal(DemoWorkspace.ContactUri("c-1001"), items[0].GetAttribute("href"));
        Assert.Equal("_blank", items[0].GetAttribute("target"));
        Assert.Equal("noopener", items[0].GetAttribute("rel"));
        Assert.True(items[1].HasAttribute("data-deal-id"));
    }

    [Fact]
    public async Task A_contact_the_CRM_sent_without_an_address_links_to_the_configured_contact_page()
    {
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34600111222", null, "Hi"));
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await db.Contacts.Where(c => c.Id == "c-1001").ExecuteUpdateAsync(u => u.SetProperty(c => c.Uri, (string?)null));
        }

        await SignInAsync("u-boris");

        var contactPage = OpenMenu(lucia, "u-boris")[0];

        Assert.Equal("https://crm.example.com/contacts/c-1001", contactPage.GetAttribute("href"));
        Assert.Equal("contact-page", contactPage.GetAttribute("data-testid"));
    }

    [Fact]
    public async Task Each_deal_names_its_funnel_and_stage()
    {
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34600111222", null, "Hi"));
        await SignInAsync("u-boris");

        var deals = OpenMenu(lucia, "u-boris").Where(a => a.HasAttribute("data-deal-id")).ToDictionary(a => a.GetAttribute("data-deal-id")!);

        Assert.Equal("Sales / Proposal", deals["d-2001"].QuerySelector(".deal-stage")!.TextContent.Trim());
        Assert.Equal("Sales / Negotiation", deals["d-2015"].QuerySelector(".deal-stage")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_new_clients_deal_keeps_the_stage_it_was_created_in_when_the_CRM_removes_that_stage()
    {
        // Sales Telegram gives new clients in turn and creates their deals in Sales / Qualified.
        var nina = await ReceiveAsync(new IncomingMessage(DemoWorkspace.Channels[1].Id, "nina_berg", "Nina Berg", "Hello"));
        var rep = nina.ResponsibleUserId!;
        await SignInAsync(rep);

        var outcome = await Services.GetRequiredService<CrmPipelineService>().ReplaceAsync(
            [new CrmPipelineDto("f-sales", "Sales", [new("s-new", "New lead"), new("s-won", "Won")])], "Shop CRM");
        Assert.True(outcome.Succeeded);

        var stage = OpenMenu(nina, rep).Single(a => a.HasAttribute("data-deal-id")).QuerySelector(".deal-stage")!.TextContent.Trim();
        Assert.Equal("Sales / Qualified (removed by the CRM)", stage);
    }

    [Fact]
    public async Task A_deal_the_CRM_creates_with_the_contact_reaches_the_open_dropdown_of_its_rep_without_a_reload()
    {
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34600111222", null, "Hi"));
        await SignInAsync("u-boris");
        OpenMenu(lucia, "u-boris");

        var outcome = await Services.GetRequiredService<CrmSyncService>().UpsertDealsAsync(
            [
                new CrmDealDto("d-live-1", "u-boris", "Lucía: new windows", "https://crm.example.com/deals/live-1", ["c-1001"], false),
                new CrmDealDto("d-live-2", "u-carmen", "Lucía: tiles", "https://crm.example.com/deals/live-2", ["c-1001"], false),
            ],
            "Shop CRM");
        Assert.True(outcome.Succeeded);

        Shown.WaitForAssertion(() => Assert.Contains(
            Shown.FindAll("a[data-deal-id]"), a => a.GetAttribute("data-deal-id") == "d-live-1" && a.TextContent.Contains("Lucía: new windows", StringComparison.Ordinal)), Patience);
        Assert.DoesNotContain(Shown.FindAll("a[data-deal-id]"), a => a.GetAttribute("data-deal-id") == "d-live-2");
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData(" JavaScript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    public async Task An_address_stored_before_that_is_not_http_is_never_a_link(string stored)
    {
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34600111222", null, "Hi"));
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await db.Contacts.Where(c => c.Id == "c-1001").ExecuteUpdateAsync(u => u.SetProperty(c => c.Uri, stored));
            await db.Deals.Where(d => d.Id == "d-2001").ExecuteUpdateAsync(u => u.SetProperty(d => d.Uri, stored));
        }

        await SignInAsync("u-boris");

        var items = OpenMenu(lucia, "u-boris");

        Assert.DoesNotContain(Shown.FindAll("[href]"), e => e.GetAttribute("href")!.Trim().StartsWith(stored.Trim()[..4], StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(items, a => a.GetAttribute("data-testid") == "contact-page");
        Assert.Contains("interior doors", Shown.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(DemoWorkspace.DealUri("d-2015"), items.Single(a => a.GetAttribute("data-deal-id") == "d-2015").GetAttribute("href"));
    }

    [Fact]
    public async Task Escape_closes_the_open_list_and_gives_the_focus_back_to_the_button()
    {
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34600111222", null, "Hi"));
        await SignInAsync("u-boris");
        OpenMenu(lucia, "u-boris");
        Assert.Equal("true", Shown.Find("button").GetAttribute("aria-expanded"));

        Shown.Find(".deals-menu").KeyDown(Key.Escape);

        Assert.Empty(Shown.FindAll("[role='menu']"));
        Assert.Equal("false", Shown.Find("button").GetAttribute("aria-expanded"));
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == Focus && i.Arguments[0] is ElementReference);
    }

    [Fact]
    public async Task A_click_beside_the_list_or_on_an_entry_closes_it()
    {
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34600111222", null, "Hi"));
        await SignInAsync("u-boris");
        OpenMenu(lucia, "u-boris");

        Shown.Find(".deals-overlay").Click();
        Assert.Empty(Shown.FindAll("[role='menu']"));

        Shown.Find("button").Click();
        Shown.Find("a[data-testid='create-deal']").Click();
        Assert.Empty(Shown.FindAll("[role='menu']"));
    }

    [Fact]
    public async Task The_arrow_keys_move_the_focus_through_the_entries_from_the_first_one()
    {
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34600111222", null, "Hi"));
        await SignInAsync("u-boris");
        var entries = OpenMenu(lucia, "u-boris");
        // Opening focuses the first entry; the contact's page, two deals and Create deal follow.
        Assert.Equal(4, entries.Count);
        var focusedBefore = JSInterop.Invocations.Count(i => i.Identifier == Focus);

        Shown.Find(".deals-menu").KeyDown(Key.Down);
        Shown.Find(".deals-menu").KeyDown(Key.End);
        Shown.Find(".deals-menu").KeyDown(Key.Down);

        Assert.Equal(focusedBefore + 3, JSInterop.Invocations.Count(i => i.Identifier == Focus));
        Assert.NotEmpty(Shown.FindAll("[role='menu']"));
    }

    private IRenderedComponent<DealsMenu> Shown { get; set; } = default!;

    /// <summary>Renders the dropdown, opens it, and returns the links it shows.</summary>
    private List<IElement> OpenMenu(ReceivedMessage conversation, string userId)
    {
        var menu = Render<DealsMenu>(p => p
            .Add(x => x.ConversationId, conversation.ConversationId)
            .Add(x => x.ContactId, conversation.ContactId)
            .Add(x => x.UserId, userId));
        Shown = menu;
        menu.WaitForAssertion(() => Assert.Equal("Deals", menu.Find("button").TextContent.Trim()), Patience);
        menu.Find("button").Click();
        menu.WaitForAssertion(() =>
        {
            Assert.Contains(menu.FindAll("a[role='menuitem']"), a => a.TextContent.Trim() == "Create deal");
            Assert.Empty(menu.FindAll("[data-testid='deals-loading']"));
        }, Patience);
        return [.. menu.FindAll("a[role='menuitem']")];
    }
}
