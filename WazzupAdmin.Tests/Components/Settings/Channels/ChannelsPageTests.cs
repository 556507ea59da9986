using AngleSharp.Dom;
using Bunit;
using WazzupAdmin.Components.Pages.Settings.Channels;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Tests.Components.Settings.Channels;

public sealed class ChannelsPageTests : ChannelPageTest
{
    [Fact]
    public void Every_channel_is_listed_with_its_type_identifier_name_state_and_links()
    {
        var page = RenderChannelsPage();

        var row = RowOf(page, "Sales WhatsApp");
        Assert.Contains("WhatsApp", row.Children[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("+34612345678", row.Children[1].TextContent.Trim());
        Assert.Contains("Active", row.Children[3].TextContent, StringComparison.Ordinal);
        var links = row.QuerySelectorAll("a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href"));
        Assert.Equal($"settings/channels/{SalesWhatsApp}/access", links["Access"]);
        Assert.Equal($"settings/channels/{SalesWhatsApp}/new-clients", links["New clients"]);
        Assert.Equal(3, page.FindAll("tbody tr").Count);
    }

    [Fact]
    public void Adding_a_channel_with_an_invalid_WhatsApp_number_shows_the_error_next_to_the_field_and_keeps_what_was_typed()
    {
        var page = RenderChannelsPage();
        Button(page.Nodes, "Add channel").Click();

        InputLabelled(page.Nodes, "Identifier").Change("612 345 678");
        InputLabelled(page.Nodes, "Name").Change("Support WhatsApp");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains(
            "Enter the number in international format: + and the country code, for example +34 612 345 678.",
            FieldLabelled(page.Nodes, "Identifier").TextContent,
            StringComparison.Ordinal));
        Assert.Equal("612 345 678", InputLabelled(page.Nodes, "Identifier").GetAttribute("value"));
        Assert.Equal("Support WhatsApp", InputLabelled(page.Nodes, "Name").GetAttribute("value"));
        Assert.Equal(3, page.FindAll("tbody tr").Count);
    }

    [Fact]
    public async Task Adding_a_valid_channel_lists_it_says_saved_and_warns_that_nobody_receives_its_new_clients()
    {
        var page = RenderChannelsPage();
        Button(page.Nodes, "Add channel").Click();

        page.Find("form select").Change(nameof(Transport.TelegramBot));
        InputLabelled(page.Nodes, "Identifier").Change("@wazzup_help_bot");
        InputLabelled(page.Nodes, "Name").Change("Help bot");
        page.Find("form").Submit();

        AssertSavedMessage();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("tbody tr").Count));
        var row = RowOf(page, "Help bot");
        Assert.Contains("Telegram Bot", row.Children[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("wazzup_help_bot", row.Children[1].TextContent.Trim());
        Assert.Contains("Nobody receives new clients", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Nobody receives new clients", RowOf(page, "Sales WhatsApp").TextContent, StringComparison.Ordinal);
        Assert.Contains(await Service<ChannelService>().ListAsync(), c => c.Name == "Help bot" && c.Transport == Transport.TelegramBot);
    }

    [Fact]
    public async Task Renaming_a_channel_stores_the_new_name()
    {
        var page = RenderChannelsPage();

        RowButton(page, "Store Instagram", "Rename").Click();
        InputLabelled(page.Nodes, "New name").Change("Shop Instagram");
        RowOf(page, StoreInstagram).QuerySelector("form")!.Submit();

        AssertSavedMessage();
        page.WaitForAssertion(() => Assert.NotNull(RowOf(page, "Shop Instagram")));
        Assert.Contains(await Service<ChannelService>().ListAsync(), c => c.Id == StoreInstagram && c.Name == "Shop Instagram");
    }

    [Fact]
    public async Task Renaming_a_channel_someone_else_changed_meanwhile_says_so_and_keeps_the_typed_name()
    {
        var page = RenderChannelsPage();
        RowButton(page, "Store Instagram", "Rename").Click();
        InputLabelled(page.Nodes, "New name").Change("Shop Instagram");

        var service = Service<ChannelService>();
        var listed = (await service.ListAsync()).Single(c => c.Id == StoreInstagram);
        Assert.True((await service.RenameAsync(StoreInstagram, listed.Version, "Instagram Store")).Succeeded);

        RowOf(page, StoreInstagram).QuerySelector("form")!.Submit();

        page.WaitForAssertion(() => Assert.Contains("changed by someone else", page.Markup, StringComparison.Ordinal));
        Assert.Equal("Shop Instagram", InputLabelled(page.Nodes, "New name").GetAttribute("value"));
        Assert.Contains(await service.ListAsync(), c => c.Id == StoreInstagram && c.Name == "Instagram Store");
    }

    [Fact]
    public async Task Disabling_a_channel_asks_first_then_shows_it_disabled()
    {
        var page = RenderChannelsPage();

        RowButton(page, "Sales Telegram", "Disable").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Disable Sales Telegram?", Dialogs.Markup, StringComparison.Ordinal));
        Button(Dialogs.Nodes, "Disable").Click();

        AssertSavedMessage();
        page.WaitForAssertion(() => Assert.Contains("Disabled", RowOf(page, "Sales Telegram").Children[3].TextContent, StringComparison.Ordinal));
        Assert.NotNull(RowButton(page, "Sales Telegram", "Enable"));
        var stored = (await Service<ChannelService>().ListAsync()).Single(c => c.Name == "Sales Telegram");
        Assert.Equal(ChannelState.Disabled, stored.State);
    }

    private IRenderedComponent<ChannelsPage> RenderChannelsPage()
    {
        var page = Render<ChannelsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr")));
        return page;
    }

    private static IElement RowOf(IRenderedComponent<ChannelsPage> page, string channelName) =>
        page.FindAll("tbody tr").Single(r => r.Children[2].TextContent.Trim() == channelName);

    // While a channel is renamed its name cell holds the editor, so the row is found by the channel's id.
    private static IElement RowOf(IRenderedComponent<ChannelsPage> page, Guid channelId) =>
        page.Find($"tbody tr[data-channel-id='{channelId}']");

    private static IElement RowButton(IRenderedComponent<ChannelsPage> page, string channelName, string text) =>
        RowOf(page, channelName).QuerySelectorAll("button").Single(b => b.TextContent.Trim() == text);
}
