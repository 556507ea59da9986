using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Components.Pages.Settings.Unassigned;
using WazzupAdmin.Data;

namespace WazzupAdmin.Tests.Components.Settings.Unassigned;

public sealed class UnassignedClientsPageTests : AdminPageTest
{
    [Fact]
    public void Without_unassigned_clients_the_page_says_so()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("Every client has a responsible user.", page.Markup, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("tbody tr"));
    }

    [Fact]
    public async Task Assigning_a_client_to_a_sales_rep_says_assigned_and_removes_it_from_the_list()
    {
        await NobodyReceivesNewClientsAsync(SalesTelegram);
        var client = await ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg", "Is the sofa in stock?");
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")), Patience);

        var row = page.Find("tbody tr");
        Assert.Contains("Sales Telegram", row.Children[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Nina Berg", row.Children[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("Is the sofa in stock?", row.Children[2].TextContent.Trim());
        var assignTo = row.QuerySelector("select[aria-label='Assign to']")!;
        Assert.Equal(["Boris Ivanov", "Carmen López", "Dmitri Sokolov"],
            assignTo.QuerySelectorAll("option:not([disabled])").Select(o => o.TextContent.Trim()));

        assignTo.Change("u-carmen");
        Button(page.Find("tbody tr").ChildNodes, "Assign").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Assigned", Snackbars.Markup, StringComparison.Ordinal), Patience);
        page.WaitForAssertion(() => Assert.Contains("Every client has a responsible user.", page.Markup, StringComparison.Ordinal), Patience);
        await using var context = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal("u-carmen", await context.Contacts.Where(c => c.Id == client.ContactId).Select(c => c.ResponsibleUserId).SingleAsync());
    }

    [Fact]
    public async Task A_client_nobody_could_take_shows_that_they_wait_in_the_queue_and_for_how_long()
    {
        await using (var context = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await context.Channels.Where(c => c.Id == SalesTelegram).ExecuteUpdateAsync(s => s.SetProperty(c => c.OnlyOnlineRepsReceiveNewClients, true));
        }

        var client = await ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");
        await using (var context = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await context.Conversations.Where(c => c.Id == client.ConversationId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.QueuedAtUtc, DateTime.UtcNow.AddMinutes(-75)));
        }

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains(
            "In the queue for 1 h 15 min: handed out as soon as a sales rep can take them.", page.Find("tbody tr").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task Assigning_without_choosing_a_sales_rep_asks_for_one()
    {
        await NobodyReceivesNewClientsAsync(SalesTelegram);
        await ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")), Patience);

        Button(page.Find("tbody tr").ChildNodes, "Assign").Click();

        page.WaitForAssertion(() => Assert.Contains("Choose a sales rep.", page.Find("tbody tr").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task A_client_who_becomes_unassigned_while_the_page_is_open_appears_without_reloading()
    {
        await NobodyReceivesNewClientsAsync(SalesTelegram);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Contains("Every client has a responsible user.", page.Markup, StringComparison.Ordinal), Patience);

        await ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")), Patience);
    }

    private IRenderedComponent<UnassignedClientsPage> RenderPage()
    {
        var page = Render<UnassignedClientsPage>();
        Assert.Equal("Unassigned clients", page.Find("h1").TextContent.Trim());
        return page;
    }
}
