using Bunit;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Components.Pages.Settings.Channels;
using WazzupAdmin.Data;

namespace WazzupAdmin.Tests.Components.Settings.Channels;

/// <summary>Sales reps' days off on the access page.</summary>
[Trait("Category", "Routing")]
public sealed class DaysOffPanelTests : AdminPageTest
{
    private static readonly string Tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_administrator_gives_a_rep_a_day_off_sees_it_listed_and_removes_it()
    {
        var panel = Render<DaysOffPanel>(p => p.Add(x => x.ChannelId, SalesTelegram));
        panel.WaitForAssertion(() => Assert.Contains("No days off planned.", panel.Markup, StringComparison.Ordinal), Patience);

        SelectLabelled(panel.Nodes, "Sales rep").Change("u-carmen");
        panel.Find("#day-off-date").Change(Tomorrow);
        Button(panel.Nodes, "Add day off").Click();

        panel.WaitForAssertion(() => Assert.Contains("Carmen López:", panel.Find(".days-off-list").TextContent, StringComparison.Ordinal), Patience);
        await using (var db = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(DateOnly.ParseExact(Tomorrow, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                (await db.RepDaysOff.SingleAsync(d => d.CrmUserId == "u-carmen")).Date);
            Assert.True(await db.AuditEntries.AnyAsync(e => e.What == "Day off" && e.Subject == "Carmen López" && e.NewValue == Tomorrow));
        }

        panel.Find(".days-off-list .mud-chip-close-button").Click();

        panel.WaitForAssertion(() => Assert.Contains("No days off planned.", panel.Markup, StringComparison.Ordinal), Patience);
        await using var check = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.False(await check.RepDaysOff.AnyAsync());
    }

    [Fact]
    public async Task A_day_off_without_a_date_or_in_the_past_is_refused_next_to_the_field()
    {
        var panel = Render<DaysOffPanel>(p => p.Add(x => x.ChannelId, SalesTelegram));
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("#day-off-date")), Patience);
        SelectLabelled(panel.Nodes, "Sales rep").Change("u-carmen");

        Button(panel.Nodes, "Add day off").Click();
        panel.WaitForAssertion(() => Assert.Equal("Choose a date.", panel.Find("#day-off-error").TextContent.Trim()), Patience);

        panel.Find("#day-off-date").Change("2020-01-01");
        Button(panel.Nodes, "Add day off").Click();
        panel.WaitForAssertion(() => Assert.Equal("Choose today or a later date.", panel.Find("#day-off-error").TextContent.Trim()), Patience);
        await using var db = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.False(await db.RepDaysOff.AnyAsync());
    }
}
