using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using WazzupAdmin.Components.Pages.Settings.Crm;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Crm;

namespace WazzupAdmin.Tests.Components.Settings.Crm;

/// <summary>The CRM data page's contacts and deals: where each came from, and each deal's funnel and stage.</summary>
public sealed class CrmPageRecordsTests : AdminPageTest
{
    [Fact]
    public async Task Each_deal_shows_its_funnel_and_stage_and_where_it_came_from()
    {
        await NewClientWritesAsync();
        await PushDealAsync();

        var page = Render<CrmPage>();
        var rows = OpenTab(page, "Deals", "Abby: office desks");

        Assert.Equal(["Sales / New lead", "Created by the console for a new client"], Cells(rows, "Aaron Abel: Sales WhatsApp", 2, 5));
        Assert.Equal(["No funnel", "Sent by the CRM with API key Shop CRM"], Cells(rows, "Abby: office desks", 2, 5));
        Assert.Equal(["Sales / Negotiation", "Seeded demo data"], Cells(rows, "Lucía and Marco: joint order", 2, 5));
        Assert.DoesNotContain("only reads", page.Markup, StringComparison.Ordinal);
        Assert.Contains("the contacts and deals the console created itself", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_contact_says_where_it_came_from()
    {
        await NewClientWritesAsync();

        var page = Render<CrmPage>();
        var rows = OpenTab(page, "Contacts", "Aaron Abel");

        Assert.Equal(["Created by the console for a new client"], Cells(rows, "Aaron Abel", 3));
        Assert.Equal(["Seeded demo data"], Cells(rows, "Lucía Fernández", 3));
    }

    [Fact]
    public async Task A_deal_whose_stage_the_CRM_removed_shows_the_stage_it_was_created_in()
    {
        await NewClientWritesAsync();
        // The CRM sends its funnels again without Sales / New lead.
        var outcome = await Service<CrmPipelineService>().ReplaceAsync(
            [
                new CrmPipelineDto("f-sales", "Sales", [new("s-qualified", "Qualified"), new("s-proposal", "Proposal"), new("s-negotiation", "Negotiation")]),
                new CrmPipelineDto("f-partners", "Partners", [new("p-inbound", "Inbound request")]),
            ],
            "Shop CRM");
        Assert.True(outcome.Succeeded);

        var page = Render<CrmPage>();
        var rows = OpenTab(page, "Deals", "Aaron Abel: Sales WhatsApp");

        Assert.Equal(["Sales / New lead (removed by the CRM)"], Cells(rows, "Aaron Abel: Sales WhatsApp", 2));
        Assert.Equal(["Sales / Negotiation"], Cells(rows, "Lucía and Marco: joint order", 2));
    }

    [Fact]
    public async Task In_Spanish_the_origins_and_a_removed_stage_read_in_Spanish()
    {
        await NewClientWritesAsync();
        await PushDealAsync();
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es");
        try
        {
            var page = Render<CrmPage>();
            var rows = OpenTab(page, "Negocios", "Abby: office desks");

            Assert.Equal(["Sales / New lead", "Creado por la consola para un cliente nuevo"], Cells(rows, "Aaron Abel: Sales WhatsApp", 2, 5));
            Assert.Equal(["Sin embudo", "Enviado por el CRM con la clave de API Shop CRM"], Cells(rows, "Abby: office desks", 2, 5));
            Assert.Equal(["Datos de demostración iniciales"], Cells(rows, "Lucía and Marco: joint order", 5));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private async Task NewClientWritesAsync()
    {
        var result = await Service<IncomingMessageService>().ReceiveAsync(new IncomingMessage(SalesWhatsApp, "+34 611 222 333", "Aaron Abel", "Hello"));
        Assert.True(result.Succeeded);
    }

    private async Task PushDealAsync()
    {
        var outcome = await Service<CrmSyncService>().UpsertDealsAsync(
            [new CrmDealDto("d-api-1", "u-dmitri", "Abby: office desks", "https://crm.example.com/deals/1", ["c-1003"], false)], "Shop CRM");
        Assert.True(outcome.Succeeded);
    }

    /// <summary>Opens a tab of the page and waits for its table to show <paramref name="expected"/>; returns its rows.</summary>
    private static IReadOnlyList<IElement> OpenTab(IRenderedComponent<CrmPage> page, string tab, string expected)
    {
        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".mud-tab"), t => t.TextContent.Trim() == tab));
        page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == tab).Click();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".mud-tabs-panels tbody tr"), r => r.Children[0].TextContent.Trim() == expected), TimeSpan.FromSeconds(10));
        return page.FindAll(".mud-tabs-panels tbody tr");
    }

    private static string[] Cells(IReadOnlyList<IElement> rows, string first, params int[] columns)
    {
        var row = rows.Single(r => r.Children[0].TextContent.Trim() == first);
        return [.. columns.Select(c => row.Children[c].TextContent.Trim())];
    }
}
