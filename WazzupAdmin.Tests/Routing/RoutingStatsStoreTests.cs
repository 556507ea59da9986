using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Domain.Distribution.Stats;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Routing;
using WazzupAdmin.Tests.Chat;

namespace WazzupAdmin.Tests.Routing;

/// <summary>
/// The routing numbers on a store of their own, on a fake clock: clients write, offers time out, reps claim and reply
/// at known minutes, and the numbers per rep are checked.
/// </summary>
[Trait("Category", "Routing")]
public class RoutingStatsStoreTests : IAsyncLifetime
{
    /// <summary>The store's engine; the class that runs these tests on PostgreSQL says so.</summary>
    protected virtual StoreProvider Provider => StoreProvider.Sqlite;

    // In turn; eligible: Boris, Carmen, Dmitri.
    private static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;

    // First responder; eligible: Boris, Carmen, Dmitri, Hugo; Farid is a sales rep who does not receive new clients.
    private static readonly Guid SalesWhatsApp = DemoWorkspace.Channels[0].Id;

    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);
    private ChatWorkspace workspace = default!;

    public async Task InitializeAsync() => workspace = await ChatWorkspace.StartAsync(Provider, clock);

    public async Task DisposeAsync() => await workspace.DisposeAsync();

    [Fact]
    public async Task In_turn_each_rep_is_counted_for_the_clients_they_received_let_time_out_and_replied_to()
    {
        await SetTimeoutAsync(SalesTelegram, minutes: 5);
        var first = await NewClientAsync(SalesTelegram, 1);
        Assert.Equal("u-boris", first.ResponsibleUserId);
        await AdvanceAsync(5);
        Assert.Equal(1, await HandleDueAsync());
        await AdvanceAsync(2);
        await ReplyAsync("u-carmen", first.ConversationId);

        var second = await NewClientAsync(SalesTelegram, 2);
        Assert.Equal("u-carmen", second.ResponsibleUserId);
        await AdvanceAsync(1);
        await ReplyAsync("u-carmen", second.ConversationId);

        var third = await NewClientAsync(SalesTelegram, 3);
        Assert.Equal("u-dmitri", third.ResponsibleUserId);
        await AdvanceAsync(3);
        await ReplyAsync("u-dmitri", third.ConversationId);
        // A second reply is not a first reply.
        await AdvanceAsync(30);
        await ReplyAsync("u-dmitri", third.ConversationId);

        var report = await LoadAsync(SalesTelegram, StatsPeriod.For(StatsPreset.Today, clock.GetUtcNow()));

        Assert.NotNull(report);
        Assert.False(report.IsEmpty);
        Assert.Equal(["Boris Ivanov", "Carmen López", "Dmitri Sokolov"], report.Reps.Select(r => r.Name));
        var (boris, carmen, dmitri) = (report.Reps[0], report.Reps[1], report.Reps[2]);
        Assert.Equal((1, 0, 1, 0), (boris.Received, boris.Claimed, boris.TimedOut, boris.Replies));
        Assert.Null(boris.MedianFirstReply);
        Assert.Equal((2, 0, 0, 2), (carmen.Received, carmen.Claimed, carmen.TimedOut, carmen.Replies));
        // Carmen's first replies: 7 minutes after the first client wrote (it reached her after Boris timed out), and 1.
        Assert.Equal(TimeSpan.FromMinutes(4), carmen.MedianFirstReply);
        Assert.Equal(TimeSpan.FromMinutes(6.4), carmen.P90FirstReply);
        Assert.Equal((1, 1, TimeSpan.FromMinutes(3)), (dmitri.Received, dmitri.Replies, dmitri.MedianFirstReply));
    }

    [Fact]
    public async Task First_responder_counts_offers_claims_and_widened_offers_for_the_reps_they_concern()
    {
        await SetTimeoutAsync(SalesWhatsApp, minutes: 10);
        var claimedSoon = await NewClientAsync(SalesWhatsApp, 1);
        await AdvanceAsync(2);
        await ReplyAsync("u-hugo", claimedSoon.ConversationId);

        var nobodyClaimed = await NewClientAsync(SalesWhatsApp, 2);
        await AdvanceAsync(10);
        Assert.Equal(1, await HandleDueAsync());
        await AdvanceAsync(1);
        await ReplyAsync("u-farid", nobodyClaimed.ConversationId);

        var report = await LoadAsync(SalesWhatsApp, StatsPeriod.For(StatsPreset.Last7Days, clock.GetUtcNow()));

        Assert.NotNull(report);
        var rows = report.Reps.ToDictionary(r => r.UserId);
        Assert.Equal((2, 0, 1, 0), Numbers(rows["u-boris"]));
        Assert.Equal((2, 1, 1, 1), Numbers(rows["u-hugo"]));
        Assert.Equal(TimeSpan.FromMinutes(2), rows["u-hugo"].MedianFirstReply);
        // Farid does not receive new clients: he got the client only when the offer widened to every rep, and claimed it.
        Assert.Equal((1, 1, 0, 1), Numbers(rows["u-farid"]));
        Assert.Equal(TimeSpan.FromMinutes(11), rows["u-farid"].P90FirstReply);
    }

    [Fact]
    public async Task A_period_without_routing_is_empty_but_still_lists_the_channels_reps()
    {
        await NewClientAsync(SalesTelegram, 1);
        await AdvanceAsync(60 * 24 * 2);

        var report = await LoadAsync(SalesTelegram, StatsPeriod.For(StatsPreset.Today, clock.GetUtcNow()));

        Assert.NotNull(report);
        Assert.True(report.IsEmpty);
        Assert.Equal(3, report.Reps.Count);
        Assert.Null(await LoadAsync(Guid.NewGuid(), StatsPeriod.For(StatsPreset.Today, clock.GetUtcNow())));
    }

    [Fact]
    public async Task An_offer_made_before_the_period_that_timed_out_in_it_counts_the_timeout_but_not_the_offer()
    {
        await SetTimeoutAsync(SalesWhatsApp, minutes: 10);
        await NewClientAsync(SalesWhatsApp, 1);
        await AdvanceAsync(10);
        Assert.Equal(1, await HandleDueAsync());

        var report = await LoadAsync(SalesWhatsApp, new StatsPeriod(Start.UtcDateTime.AddMinutes(5), clock.GetUtcNow().UtcDateTime.AddMinutes(1)));

        Assert.NotNull(report);
        var boris = report.Reps.Single(r => r.UserId == "u-boris");
        // The widened offer reached Boris again, and timed out on him.
        Assert.Equal((1, 0, 1), (boris.Received, boris.Claimed, boris.TimedOut));
        var farid = report.Reps.Single(r => r.UserId == "u-farid");
        Assert.Equal((1, 0), (farid.Received, farid.TimedOut));
    }

    [Fact]
    public async Task Only_administrators_read_the_numbers()
    {
        await using var scope = workspace.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ChatWorkspace.SignedInAccount>().Principal = await workspace.PrincipalAsync(ChatWorkspace.EmailOf("u-anna"));

        await Assert.ThrowsAnyAsync<Exception>(() =>
            scope.ServiceProvider.GetRequiredService<RoutingStatsService>().LoadAsync(SalesTelegram, StatsPeriod.For(StatsPreset.Today, clock.GetUtcNow())));
    }

    private static (int, int, int, int) Numbers(RepStats rep) => (rep.Received, rep.Claimed, rep.TimedOut, rep.Replies);

    private async Task<RoutingStatsReport?> LoadAsync(Guid channelId, StatsPeriod period)
    {
        await using var scope = workspace.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ChatWorkspace.SignedInAccount>().Principal = await workspace.PrincipalAsync(DemoWorkspace.AdminEmail);
        return await scope.ServiceProvider.GetRequiredService<RoutingStatsService>().LoadAsync(channelId, period);
    }

    private Task AdvanceAsync(int minutes)
    {
        clock.Advance(TimeSpan.FromMinutes(minutes));
        return Task.CompletedTask;
    }

    private async Task ReplyAsync(string userId, long conversationId)
    {
        var sent = await workspace.AsUserAsync(userId, (ChatReplyService chat) => chat.SendAsync(conversationId, "Hello, how can I help?"));
        Assert.Equal(SendStatus.Sent, sent.Status);
    }

    private async Task<int> HandleDueAsync()
    {
        await using var scope = workspace.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OfferTimeoutService>().HandleDueAsync();
    }

    private async Task<ReceivedMessage> NewClientAsync(Guid channelId, int n)
    {
        var clientId = channelId == SalesWhatsApp ? $"3461100{n:D4}" : $"20000{n:D5}";
        var result = await workspace.Services.GetRequiredService<IncomingMessageService>()
            .ReceiveAsync(new IncomingMessage(channelId, clientId, $"Client {n}", "Hello"));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Received!;
    }

    private async Task SetTimeoutAsync(Guid channelId, int minutes)
    {
        await using var db = workspace.CreateDbContext();
        await db.Channels.Where(c => c.Id == channelId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.OfferTimeoutMinutes, minutes)
            .SetProperty(c => c.OfferMaxMoves, 2)
            .SetProperty(c => c.OfferWidenTo, WidenOfferTo.AllReps));
    }
}

/// <summary>The same numbers on PostgreSQL: the same queries, translated by the other provider.</summary>
[Trait("Category", "Routing")]
public sealed class RoutingStatsStoreTestsOnPostgres : RoutingStatsStoreTests
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
