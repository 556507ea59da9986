using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WazzupAdmin.Components.Pages.Settings.Channels.Routing;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Tests.Components.Settings.Channels.Routing;

/// <summary>
/// The routing numbers page follows its channel's chat events while it is open, a second after a burst of them, on a
/// fake clock the tests move.
/// </summary>
[Trait("Category", "Routing")]
public sealed class RoutingStatsLiveRefreshTests : AdminPageTest
{
    private static readonly TimeSpan LiveRefreshDelay = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    public RoutingStatsLiveRefreshTests() => Services.AddSingleton<TimeProvider>(clock);

    [Fact]
    public async Task New_clients_while_the_page_is_open_show_in_the_numbers_once_the_burst_settles_with_one_reload()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='routing-empty']")), Patience);

        // In turn: Boris, Carmen, Dmitri, each announced by the incoming message use case.
        await ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");
        await ClientWritesAsync(SalesTelegram, "olga_petrova", "Olga Petrova");
        await ClientWritesAsync(SalesTelegram, "pavel_kim", "Pavel Kim");
        clock.Advance(LiveRefreshDelay - TimeSpan.FromMilliseconds(1));
        Assert.NotEmpty(page.FindAll("[data-testid='routing-empty']"));

        clock.Advance(TimeSpan.FromMilliseconds(1));

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='routing-empty']")), Patience);
        Assert.Equal(["1", "0", "0", "0", "—", "—"], Row(page, "Boris Ivanov"));
        Assert.Equal(["1", "0", "0", "0", "—", "—"], Row(page, "Carmen López"));
        Assert.Equal(["1", "0", "0", "0", "—", "—"], Row(page, "Dmitri Sokolov"));
        clock.Advance(LiveRefreshDelay * 3);
        Assert.Equal(1, page.FindComponent<RoutingStatsTable>().RenderCount);
    }

    [Fact]
    public async Task A_reply_announced_on_the_channel_shows_its_reply_time_and_another_channels_event_changes_nothing()
    {
        var client = await ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(["1", "0", "0", "0", "—", "—"], Row(page, "Boris Ivanov")), Patience);
        await BorisRepliedUnannouncedAsync(client.ConversationId, after: TimeSpan.FromSeconds(90));
        var notifier = Service<ChatNotifier>();

        notifier.Publish(new ChatEvent(ChatEventKind.NewMessage, SalesWhatsApp, client.ConversationId));
        notifier.Publish(new ChatEvent(ChatEventKind.StatusChanged, SalesTelegram, client.ConversationId));
        clock.Advance(LiveRefreshDelay * 2);
        Assert.Equal(["1", "0", "0", "0", "—", "—"], Row(page, "Boris Ivanov"));

        notifier.Publish(new ChatEvent(ChatEventKind.NewMessage, SalesTelegram, client.ConversationId));
        clock.Advance(LiveRefreshDelay);

        page.WaitForAssertion(() => Assert.Equal(["1", "0", "0", "1", "1 min 30 s", "1 min 30 s"], Row(page, "Boris Ivanov")), Patience);
    }

    private IRenderedComponent<RoutingStatsPage> RenderPage()
    {
        var page = Render<RoutingStatsPage>(p => p.Add(x => x.ChannelId, SalesTelegram));
        page.WaitForAssertion(() => Assert.StartsWith("Routing numbers: ", page.Find("h1").TextContent.Trim(), StringComparison.Ordinal), Patience);
        return page;
    }

    /// <summary>Boris's reply, written to the store without the event the chat window's use case would publish.</summary>
    private async Task BorisRepliedUnannouncedAsync(long conversationId, TimeSpan after)
    {
        await using var db = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var wrote = await db.Messages.Where(m => m.ConversationId == conversationId && m.Incoming).MinAsync(m => m.SentAtUtc);
        db.Messages.Add(new Message { ConversationId = conversationId, Incoming = false, AuthorUserId = "u-boris", Text = "Hello", SentAtUtc = wrote + after });
        await db.SaveChangesAsync();
    }

    private static string[] Row(IRenderedComponent<RoutingStatsPage> page, string rep) =>
        [.. page.FindAll("table tbody tr").Single(r => r.QuerySelector("th")?.TextContent.Trim() == rep).QuerySelectorAll("td").Select(d => d.TextContent.Trim())];
}
