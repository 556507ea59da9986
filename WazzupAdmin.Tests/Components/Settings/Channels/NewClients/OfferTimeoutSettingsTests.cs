using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Components.Pages.Settings.Channels.NewClients;
using WazzupAdmin.Data;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Tests.Components.Settings.Channels.NewClients;

/// <summary>The offer timeout on the new-clients page.</summary>
[Trait("Category", "Routing")]
public sealed class OfferTimeoutSettingsTests : AdminPageTest
{
    private const string InTurnTimeout = "Reassign when the rep has not replied within (minutes)";
    private const string FirstResponderTimeout = "Widen the offer when nobody has claimed the client within (minutes)";

    [Fact]
    public async Task In_turn_the_page_saves_the_timeout_and_the_most_moves_and_it_is_off_until_then()
    {
        var page = RenderNewClients(SalesTelegram);
        Assert.Equal("", InputLabelled(page.Nodes, InTurnTimeout).GetAttribute("value") ?? "");
        Assert.Null((await StoredChannelAsync(SalesTelegram)).OfferTimeoutMinutes);

        InputLabelled(page.Nodes, InTurnTimeout).Change("5");
        InputLabelled(page.Nodes, "Most moves to the next sales rep").Change("1");
        Button(page.Nodes, "Save").Click();

        AssertSavedMessage();
        var channel = await StoredChannelAsync(SalesTelegram);
        Assert.Equal(5, channel.OfferTimeoutMinutes);
        Assert.Equal(1, channel.OfferMaxMoves);
    }

    [Fact]
    public async Task First_responder_the_page_saves_the_timeout_and_who_the_offer_widens_to()
    {
        var page = RenderNewClients(SalesWhatsApp);
        Assert.DoesNotContain(page.FindAll("label"), l => l.TextContent.Trim() == InTurnTimeout);

        InputLabelled(page.Nodes, FirstResponderTimeout).Change("10");
        page.WaitForAssertion(() => WidenRadio(page, "The managers").Click(), Patience);
        Button(page.Nodes, "Save").Click();

        AssertSavedMessage();
        var channel = await StoredChannelAsync(SalesWhatsApp);
        Assert.Equal(10, channel.OfferTimeoutMinutes);
        Assert.Equal(WidenOfferTo.Managers, channel.OfferWidenTo);
    }

    [Fact]
    public async Task A_timeout_out_of_range_is_refused_and_nothing_is_stored()
    {
        var loaded = await Service<NewClientSettingsService>().LoadAsync(SalesTelegram);

        var outcome = await Service<NewClientSettingsService>().SaveAsync(
            SalesTelegram, loaded!.Channel.Version, loaded.FunnelId, loaded.StageId, loaded.Algorithm, offerTimeout: new OfferTimeoutChoices(5000));

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.Equal(OfferTimeoutChoices.MinutesRange, outcome.ErrorFor(OfferTimeoutChoices.MinutesField));
        Assert.Null((await StoredChannelAsync(SalesTelegram)).OfferTimeoutMinutes);
    }

    private IRenderedComponent<NewClientsPage> RenderNewClients(Guid channelId)
    {
        var page = Render<NewClientsPage>(p => p.Add(x => x.ChannelId, channelId));
        page.WaitForAssertion(() => Assert.StartsWith("New clients: ", page.Find("h1").TextContent.Trim(), StringComparison.Ordinal), Patience);
        return page;
    }

    private static IElement WidenRadio(IRenderedComponent<NewClientsPage> page, string name) =>
        page.Find("[role='radiogroup'][aria-labelledby='widen-heading']").QuerySelectorAll("label.mud-radio")
            .Single(l => l.TextContent.Trim() == name).QuerySelector("input[type='radio']")!;

    private async Task<Data.Entities.Channel> StoredChannelAsync(Guid channelId)
    {
        await using var db = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Channels.AsNoTracking().SingleAsync(c => c.Id == channelId);
    }
}
