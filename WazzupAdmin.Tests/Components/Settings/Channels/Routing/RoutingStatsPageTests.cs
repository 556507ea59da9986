using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Components.Pages.Settings.Channels;
using WazzupAdmin.Components.Pages.Settings.Channels.Routing;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;

namespace WazzupAdmin.Tests.Components.Settings.Channels.Routing;

/// <summary>The per-channel routing numbers page: the table, the chart, the empty state, in English and Spanish.</summary>
[Trait("Category", "Routing")]
public sealed class RoutingStatsPageTests : AdminPageTest
{
    [Fact]
    public async Task A_channel_with_routed_clients_shows_each_reps_numbers_in_a_table_and_a_chart()
    {
        await BorisGetsAClientAndRepliesAfter(TimeSpan.FromSeconds(90));

        var page = RenderPage(SalesTelegram);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("table tbody tr")), Patience);
        Assert.Equal(
            ["Sales rep", "Received", "Claimed", "Timed out", "Replied to", "Median first reply", "90th percentile first reply"],
            page.FindAll("table thead th").Select(h => h.TextContent.Trim()));
        Assert.Equal(["1", "0", "0", "1", "1 min 30 s", "1 min 30 s"], Row(page, "Boris Ivanov"));
        Assert.Equal(["0", "0", "0", "0", "—", "—"], Row(page, "Carmen López"));
        var chart = page.Find("[data-testid='routing-chart']");
        Assert.NotNull(chart.QuerySelector("svg"));
        Assert.Contains("Boris Ivanov", chart.TextContent, StringComparison.Ordinal);
        Assert.Contains("Timed out", chart.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid='routing-empty']"));
    }

    [Fact]
    public async Task In_Spanish_the_table_and_the_chart_read_in_Spanish()
    {
        await BorisGetsAClientAndRepliesAfter(TimeSpan.FromMinutes(75));
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es");

        var page = RenderPage(SalesTelegram, "Cifras de reparto: ");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("table tbody tr")), Patience);
        Assert.Equal(
            ["Comercial", "Recibidos", "Reclamados", "Tiempo agotado", "Respondidos", "Mediana de la primera respuesta", "Percentil 90 de la primera respuesta"],
            page.FindAll("table thead th").Select(h => h.TextContent.Trim()));
        Assert.Equal(["1", "0", "0", "1", "1 h 15 min", "1 h 15 min"], Row(page, "Boris Ivanov"));
        Assert.Contains("Recibidos", page.Find("[data-testid='routing-chart']").TextContent, StringComparison.Ordinal);
        Assert.Contains("días completos en UTC", page.Find("[data-testid='routing-period']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_without_routing_says_so_and_draws_no_chart_in_either_language()
    {
        var page = RenderPage(SalesTelegram);

        Assert.Contains("Routing gave no client", page.Find("[data-testid='routing-empty']").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid='routing-chart']"));
        Assert.Empty(page.FindAll("table"));

        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es");
        var spanish = RenderPage(SalesTelegram, "Cifras de reparto: ");
        Assert.Contains("el reparto no dio ningún cliente", spanish.Find("[data-testid='routing-empty']").TextContent, StringComparison.Ordinal);
        Assert.Empty(spanish.FindAll("[data-testid='routing-chart']"));
    }

    [Fact]
    public async Task A_custom_period_before_the_clients_wrote_is_empty_and_today_shows_them_again()
    {
        await BorisGetsAClientAndRepliesAfter(TimeSpan.FromSeconds(30));
        var page = RenderPage(SalesTelegram);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("table tbody tr")), Patience);

        SelectLabelled(page.Nodes, "Period").Change("Custom");
        page.WaitForAssertion(() => Assert.NotNull(FieldLabelled(page.Nodes, "From")), Patience);
        var lastYear = DateTime.UtcNow.AddYears(-1);
        // As the pickers report a chosen day.
        await page.InvokeAsync(() => page.FindComponents<MudBlazor.MudDatePicker>()[0].Instance.DateChanged.InvokeAsync(lastYear.AddDays(-3)));
        await page.InvokeAsync(() => page.FindComponents<MudBlazor.MudDatePicker>()[1].Instance.DateChanged.InvokeAsync(lastYear));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='routing-empty']")), Patience);
        Assert.Empty(page.FindAll("[data-testid='routing-chart']"));

        SelectLabelled(page.Nodes, "Period").Change("Today");
        page.WaitForAssertion(() => Assert.Equal("1", Row(page, "Boris Ivanov")[0]), Patience);
    }

    [Fact]
    public void The_channels_page_links_to_each_channels_routing_numbers()
    {
        var page = Render<ChannelsPage>();

        page.WaitForAssertion(
            () => Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href") == $"settings/channels/{SalesTelegram}/routing" && a.TextContent.Trim() == "Routing numbers"),
            Patience);
    }

    [Fact]
    public void An_unknown_channel_is_not_found()
    {
        var page = Render<RoutingStatsPage>(p => p.Add(x => x.ChannelId, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Equal("Channel not found", page.Find("h1").TextContent.Trim()), Patience);
    }

    /// <summary>A new client of Sales Telegram goes to Boris in turn, and Boris replies after <paramref name="after"/>.</summary>
    private async Task BorisGetsAClientAndRepliesAfter(TimeSpan after)
    {
        var client = await ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");
        Assert.Equal("u-boris", client.ResponsibleUserId);
        await using var db = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var wrote = await db.Messages.Where(m => m.ConversationId == client.ConversationId && m.Incoming).MinAsync(m => m.SentAtUtc);
        db.Messages.Add(new Message { ConversationId = client.ConversationId, Incoming = false, AuthorUserId = "u-boris", Text = "Hello", SentAtUtc = wrote + after });
        await db.SaveChangesAsync();
    }

    private IRenderedComponent<RoutingStatsPage> RenderPage(Guid channelId, string heading = "Routing numbers: ")
    {
        var page = Render<RoutingStatsPage>(p => p.Add(x => x.ChannelId, channelId));
        page.WaitForAssertion(() => Assert.StartsWith(heading, page.Find("h1").TextContent.Trim(), StringComparison.Ordinal), Patience);
        return page;
    }

    private static string[] Row(IRenderedComponent<RoutingStatsPage> page, string rep) =>
        [.. page.FindAll("table tbody tr").Single(r => r.QuerySelector("th")?.TextContent.Trim() == rep).QuerySelectorAll("td").Select(d => d.TextContent.Trim())];
}
