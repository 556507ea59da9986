using Bunit;
using WazzupAdmin.Components.Pages.Settings.Distribution;

namespace WazzupAdmin.Tests.Components.AdminChat;

public sealed class DistributionPageTests : AdminPageTest
{
    [Fact]
    public async Task In_turn_the_page_names_the_next_sales_rep_and_lists_who_got_each_client_and_why()
    {
        await ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");

        var page = RenderPage(SalesTelegram);

        Assert.Equal("Distribution: Sales Telegram", page.Find("h1").TextContent.Trim());
        Assert.Equal("Next new client goes to Carmen López.", Preview(page));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")), Patience);
        var row = page.Find("tbody tr");
        Assert.Equal("Nina Berg", row.Children[1].TextContent.Trim());
        Assert.Equal("Boris Ivanov", row.Children[2].TextContent.Trim());
        Assert.StartsWith("In turn:", row.Children[3].TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void First_responder_the_page_lists_who_the_next_client_would_be_offered_to()
    {
        var page = RenderPage(SalesWhatsApp);

        Assert.StartsWith(
            "The next new client would be offered to Boris Ivanov, Carmen López, Dmitri Sokolov, Hugo Martín",
            Preview(page), StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Contains("No client of this channel has been distributed yet.", page.Markup, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task With_nobody_eligible_the_page_warns_and_an_unassigned_client_shows_as_unassigned()
    {
        await NobodyReceivesNewClientsAsync(SalesTelegram);
        await ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");

        var page = RenderPage(SalesTelegram);

        var warning = page.Find("[data-testid='distribution-preview'] .mud-alert-text-warning");
        Assert.Contains("Nobody would receive the next new client", warning.TextContent, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal("Unassigned", page.Find("tbody tr").Children[2].TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task A_new_client_while_the_page_is_open_updates_the_preview()
    {
        var page = RenderPage(SalesTelegram);
        Assert.Equal("Next new client goes to Boris Ivanov.", Preview(page));

        await ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");

        page.WaitForAssertion(() => Assert.Equal("Next new client goes to Carmen López.", Preview(page)), Patience);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")), Patience);
    }

    private IRenderedComponent<DistributionPage> RenderPage(Guid channelId)
    {
        var page = Render<DistributionPage>(p => p.Add(x => x.ChannelId, channelId));
        page.WaitForAssertion(() => Assert.StartsWith("Distribution: ", page.Find("h1").TextContent.Trim(), StringComparison.Ordinal), Patience);
        return page;
    }

    private static string Preview(IRenderedComponent<DistributionPage> page) =>
        page.Find("[data-testid='distribution-preview']").TextContent.Trim();
}
