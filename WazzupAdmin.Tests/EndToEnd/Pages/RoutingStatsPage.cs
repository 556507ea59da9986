using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd.Pages;

/// <summary>/settings/channels/{id}/routing: a channel's routing numbers per sales rep over a period, as a chart and a table.</summary>
public sealed class RoutingStatsPage(IPage page)
{
    public IPage Page => page;

    public ILocator Heading => BlazorPage.Heading(page);

    public ILocator Period => page.GetByLabel("Period", new() { Exact = true });

    /// <summary>"From {day} to {day}, whole days in UTC."</summary>
    public ILocator PeriodText => page.GetByTestId("routing-period");

    public ILocator Chart => page.GetByTestId("routing-chart");

    public ILocator Table => page.GetByRole(AriaRole.Table);

    public ILocator ColumnHeaders => Table.GetByRole(AriaRole.Columnheader);

    public ILocator Empty => page.GetByTestId("routing-empty");

    public static string PathOf(Guid channelId) => $"settings/channels/{channelId}/routing";

    public async Task<RoutingStatsPage> GotoAsync(Guid channelId, string heading)
    {
        await BlazorPage.GotoAsync(page, PathOf(channelId));
        return await WaitForAsync(heading);
    }

    /// <summary>Waits for the page headed <paramref name="heading"/> ("Routing numbers: {channel}") to finish loading.</summary>
    public async Task<RoutingStatsPage> WaitForAsync(string heading)
    {
        await Expect(Heading).ToHaveTextAsync(heading);
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Loading" })).ToHaveCountAsync(0);
        await BlazorPage.WaitForInteractiveAsync(page);
        return this;
    }

    /// <summary>
    /// The numbers of a sales rep's row, in the table's order: received, claimed, timed out, replied to, median and 90th
    /// percentile first reply.
    /// </summary>
    public ILocator Numbers(string repName) =>
        Table.GetByRole(AriaRole.Row)
            .Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = repName, Exact = true }) })
            .GetByRole(AriaRole.Cell);

    public async Task ChoosePeriodAsync(string preset)
    {
        await Period.SelectOptionAsync(new SelectOptionValue { Label = preset });
        await Expect(Period.Locator("option:checked")).ToHaveTextAsync(preset);
    }
}
