using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Components.Pages.Settings.Channels;
using WazzupAdmin.Components.Pages.Settings.Channels.NewClients;
using WazzupAdmin.Data;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Routing;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Tests.Components.Settings.Channels;

/// <summary>The availability and capacity settings on the new-clients and access pages.</summary>
[Trait("Category", "Routing")]
public sealed class RoutingSettingsPagesTests : AdminPageTest
{
    private const string OnlyOnline = "Only online sales reps receive new clients";
    private const string Capacity = "Most unanswered clients per sales rep";
    private const string QueuePace = "Most queued clients per sales rep per minute";

    [Fact]
    public async Task The_new_clients_page_saves_only_online_reps_and_the_channels_capacity()
    {
        var page = RenderNewClients(SalesTelegram);

        SwitchLabelled(page.Nodes, OnlyOnline).Change(true);
        InputLabelled(page.Nodes, Capacity).Change("3");
        Button(page.Nodes, "Save").Click();

        AssertSavedMessage();
        var channel = await StoredChannelAsync(SalesTelegram);
        Assert.True(channel.OnlyOnlineRepsReceiveNewClients);
        Assert.Equal(3, channel.MaxUnansweredPerRep);
    }

    [Fact]
    public async Task A_stale_save_of_the_routing_settings_is_refused_and_stores_nothing()
    {
        var page = RenderNewClients(SalesTelegram);
        var loaded = await Service<NewClientSettingsService>().LoadAsync(SalesTelegram);
        Assert.True((await Service<NewClientSettingsService>()
            .SaveAsync(SalesTelegram, loaded!.Channel.Version, loaded.FunnelId, loaded.StageId, DistributionAlgorithm.InTurn)).Succeeded);

        SwitchLabelled(page.Nodes, OnlyOnline).Change(true);
        Button(page.Nodes, "Save").Click();

        page.WaitForAssertion(() => Assert.Contains("changed by someone else", page.Markup, StringComparison.Ordinal), Patience);
        Assert.False((await StoredChannelAsync(SalesTelegram)).OnlyOnlineRepsReceiveNewClients);
    }

    [Fact]
    public async Task A_capacity_out_of_range_is_refused_with_its_reason()
    {
        var outcome = await Service<NewClientSettingsService>().SaveAsync(
            SalesTelegram, 0, "f-sales", "s-new", DistributionAlgorithm.InTurn, new RoutingChoices(false, 0));

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.Equal(RoutingChoices.CapacityRange, outcome.ErrorFor(RoutingChoices.CapacityField));
        Assert.Null((await StoredChannelAsync(SalesTelegram)).MaxUnansweredPerRep);
    }

    [Fact]
    public async Task The_new_clients_page_saves_the_queues_pace_and_refuses_one_out_of_range_next_to_the_field()
    {
        var page = RenderNewClients(SalesTelegram);
        Assert.Equal("3", InputLabelled(page.Nodes, QueuePace).GetAttribute("value"));

        InputLabelled(page.Nodes, QueuePace).Change("5");
        Button(page.Nodes, "Save").Click();

        AssertSavedMessage();
        Assert.Equal(5, (await StoredChannelAsync(SalesTelegram)).QueuePerRepPerMinute);
        var outcome = await Service<NewClientSettingsService>().SaveAsync(
            SalesTelegram, (await StoredChannelAsync(SalesTelegram)).Version, "f-sales", "s-new", DistributionAlgorithm.InTurn, new RoutingChoices(false, null, 0));
        Assert.Equal(RoutingChoices.PaceRange, outcome.ErrorFor(RoutingChoices.PaceField));
        Assert.Equal(5, (await StoredChannelAsync(SalesTelegram)).QueuePerRepPerMinute);
    }

    [Fact]
    public async Task The_new_clients_page_saves_what_happens_to_a_returning_client_whose_rep_is_gone()
    {
        var page = RenderNewClients(SalesTelegram);

        page.Find("[role='radiogroup'][aria-labelledby='returning-heading']").QuerySelectorAll("label.mud-radio")
            .Single(l => l.TextContent.Trim() == "The client goes to the next sales rep in turn").QuerySelector("input[type='radio']")!.Click();
        Button(page.Nodes, "Save").Click();

        AssertSavedMessage();
        Assert.Equal(WazzupAdmin.Domain.Distribution.Routing.ReturningClientChoice.NextRep, (await StoredChannelAsync(SalesTelegram)).ReturningClients);
    }

    [Fact]
    public void The_access_page_shows_each_reps_status_live()
    {
        var page = RenderAccess(SalesTelegram);
        Assert.Equal("Offline", StatusOf(page, "Boris Ivanov"));

        using var window = Service<RepPresence>().WindowOpened("u-boris");

        page.WaitForAssertion(() => Assert.Equal("Online", StatusOf(page, "Boris Ivanov")), Patience);
        Assert.Equal("Offline", StatusOf(page, "Carmen López"));
    }

    [Fact]
    public async Task The_access_page_saves_a_reps_own_capacity()
    {
        var page = RenderAccess(SalesTelegram);

        page.Find("input[aria-label='Most unanswered clients of Dmitri Sokolov']").Change("10");
        Button(page.Nodes, "Save").Click();

        AssertSavedMessage();
        await using var db = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var dmitri = await db.ChannelAccess.SingleAsync(a => a.ChannelId == SalesTelegram && a.CrmUserId == "u-dmitri");
        Assert.Equal(10, dmitri.MaxUnanswered);
        Assert.True(dmitri.ReceivesNewClients);
    }

    [Fact]
    public async Task The_access_page_saves_a_reps_weight_and_refuses_one_out_of_range()
    {
        var page = RenderAccess(SalesTelegram);

        page.Find("input[aria-label='Weight of Boris Ivanov']").Change("4");
        Button(page.Nodes, "Save").Click();

        AssertSavedMessage();
        await using (var db = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(4, (await db.ChannelAccess.SingleAsync(a => a.ChannelId == SalesTelegram && a.CrmUserId == "u-boris")).Weight);
        }

        page.Find("input[aria-label='Weight of Boris Ivanov']").Change("11");
        Button(page.Nodes, "Save").Click();

        page.WaitForAssertion(() => Assert.Contains("The weight of Boris Ivanov must be a whole number from 1 to 10.", page.Markup, StringComparison.Ordinal), Patience);
        await using var check = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(4, (await check.ChannelAccess.SingleAsync(a => a.ChannelId == SalesTelegram && a.CrmUserId == "u-boris")).Weight);
    }

    private IRenderedComponent<NewClientsPage> RenderNewClients(Guid channelId)
    {
        var page = Render<NewClientsPage>(p => p.Add(x => x.ChannelId, channelId));
        page.WaitForAssertion(() => Assert.StartsWith("New clients: ", page.Find("h1").TextContent.Trim(), StringComparison.Ordinal), Patience);
        return page;
    }

    private IRenderedComponent<ChannelAccessPage> RenderAccess(Guid channelId)
    {
        var page = Render<ChannelAccessPage>(p => p.Add(x => x.ChannelId, channelId));
        page.WaitForAssertion(() => Assert.StartsWith("Access: ", page.Find("h1").TextContent.Trim(), StringComparison.Ordinal), Patience);
        return page;
    }

    private static string? StatusOf(IRenderedComponent<ChannelAccessPage> page, string userName) =>
        page.FindAll("tr").Single(r => r.QuerySelector("th[scope='row']")?.TextContent.Trim().StartsWith(userName, StringComparison.Ordinal) == true)
            .QuerySelector("[data-testid='rep-status']")?.TextContent.Trim();

    private async Task<Data.Entities.Channel> StoredChannelAsync(Guid channelId)
    {
        await using var db = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Channels.AsNoTracking().SingleAsync(c => c.Id == channelId);
    }
}
