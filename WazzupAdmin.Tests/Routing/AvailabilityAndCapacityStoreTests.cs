using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Routing;
using WazzupAdmin.Tests.Concurrency;

namespace WazzupAdmin.Tests.Routing;

/// <summary>Who gets a new client when reps are offline, away or at capacity, on the demo channels' store.</summary>
[Trait("Category", "Routing")]
public sealed class AvailabilityAndCapacityStoreTests : IAsyncLifetime
{
    // First responder; eligible: Boris, Carmen, Dmitri, Hugo.
    private static readonly Guid SalesWhatsApp = DemoWorkspace.Channels[0].Id;

    // In turn; eligible: Boris, Carmen, Dmitri.
    private static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;

    private IncomingMessageStore store = default!;

    public async Task InitializeAsync() => store = await IncomingMessageStore.StartAsync();

    public async Task DisposeAsync() => await store.DisposeAsync();

    private RepPresence Presence => store.Services.GetRequiredService<RepPresence>();

    [Fact]
    public async Task With_only_online_reps_a_new_client_skips_the_reps_without_a_chat_window_and_the_history_says_why()
    {
        await SetChannelAsync(SalesTelegram, onlyOnline: true);
        using var carmen = Presence.WindowOpened("u-carmen");

        var first = await NewClientAsync(SalesTelegram, 1);
        var second = await NewClientAsync(SalesTelegram, 2);

        Assert.Equal(["u-carmen", "u-carmen"], new[] { first, second }.Select(r => r.ResponsibleUserId));
        await using var db = store.CreateDbContext();
        var assignment = await db.Assignments.SingleAsync(a => a.ConversationId == first.ConversationId);
        Assert.Equal(AssignmentReasonKind.InTurn, assignment.ReasonKind);
        Assert.Equal(["Carmen López"], assignment.ReasonNames);
        Assert.Equal(
            [new SkippedRep("Boris Ivanov", SkipReason.Offline), new SkippedRep("Dmitri Sokolov", SkipReason.Offline)],
            assignment.Why.Skipped);
        Assert.Contains("Skipped: Boris Ivanov (Offline), Dmitri Sokolov (Offline).", assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_only_online_reps_and_nobody_online_the_client_waits_in_the_queue_with_the_reason()
    {
        await SetChannelAsync(SalesWhatsApp, onlyOnline: true);

        var received = await NewClientAsync(SalesWhatsApp, 1);

        Assert.Null(received.ResponsibleUserId);
        Assert.Empty(received.OfferedTo);
        await using var db = store.CreateDbContext();
        var assignment = await db.Assignments.SingleAsync(a => a.ConversationId == received.ConversationId);
        Assert.Equal(AssignmentReasonKind.NobodyAvailable, assignment.ReasonKind);
        Assert.Equal(4, assignment.Why.Skipped.Count);
        Assert.All(assignment.Why.Skipped, s => Assert.Equal(SkipReason.Offline, s.Reason));
        Assert.NotNull(await db.Conversations.Where(c => c.Id == received.ConversationId).Select(c => c.QueuedAtUtc).SingleAsync());
    }

    [Fact]
    public async Task A_rep_who_set_themselves_away_is_skipped_on_every_channel_and_first_responder_offers_to_the_others()
    {
        await SetAwayAsync("u-boris");

        var inTurn = await NewClientAsync(SalesTelegram, 1);
        var offered = await NewClientAsync(SalesWhatsApp, 2);

        Assert.Equal("u-carmen", inTurn.ResponsibleUserId);
        Assert.Equal(["u-carmen", "u-dmitri", "u-hugo"], offered.OfferedTo);
        await using var db = store.CreateDbContext();
        var assignment = await db.Assignments.SingleAsync(a => a.ConversationId == offered.ConversationId);
        Assert.Equal([new SkippedRep("Boris Ivanov", SkipReason.Away)], assignment.Why.Skipped);
    }

    [Fact]
    public async Task A_rep_at_the_channels_capacity_is_skipped_until_they_answer_and_a_reps_own_limit_overrides_it()
    {
        await SetChannelAsync(SalesTelegram, maxUnanswered: 1);
        await using (var db = store.CreateDbContext())
        {
            await db.ChannelAccess.Where(a => a.ChannelId == SalesTelegram && a.CrmUserId == "u-dmitri")
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.MaxUnanswered, 2));
        }

        var received = new List<ReceivedMessage>();
        for (var i = 1; i <= 5; i++)
        {
            received.Add(await NewClientAsync(SalesTelegram, i));
        }

        Assert.Equal(["u-boris", "u-carmen", "u-dmitri", "u-dmitri", null], received.Select(r => r.ResponsibleUserId));
        await using (var db = store.CreateDbContext())
        {
            var last = await db.Assignments.SingleAsync(a => a.ConversationId == received[4].ConversationId);
            Assert.Equal(AssignmentReasonKind.NobodyAvailable, last.ReasonKind);
            Assert.All(last.Why.Skipped, s => Assert.Equal(SkipReason.AtCapacity, s.Reason));

            // Boris answers his client: he has room again.
            await db.Conversations.Where(c => c.Id == received[0].ConversationId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Unanswered, false));
        }

        // The client who waited goes to him first; the next one waits behind, as he is at his limit again.
        await using (var scope = store.Services.CreateAsyncScope())
        {
            Assert.Equal((1, 0), await scope.ServiceProvider.GetRequiredService<ClientQueueService>().DrainAsync());
        }

        Assert.Null((await NewClientAsync(SalesTelegram, 6)).ResponsibleUserId);
        await using var check = store.CreateDbContext();
        Assert.Equal("u-boris", await check.Conversations.Where(c => c.Id == received[4].ConversationId).Select(c => c.Contact!.ResponsibleUserId).SingleAsync());
    }

    [Fact]
    public async Task Under_200_concurrent_new_clients_no_rep_gets_more_than_their_capacity_and_the_rest_wait_in_the_queue()
    {
        await SetChannelAsync(SalesTelegram, maxUnanswered: 40);
        await using (var db = store.CreateDbContext())
        {
            await db.ChannelAccess.Where(a => a.ChannelId == SalesTelegram && a.CrmUserId == "u-dmitri")
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.MaxUnanswered, 60));
        }

        var results = await Task.WhenAll(Enumerable.Range(1, 200).Select(i => Task.Run(() => NewClientAsync(SalesTelegram, i))));

        var counts = results.GroupBy(r => r.ResponsibleUserId ?? "nobody").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(40, counts["u-boris"]);
        Assert.Equal(40, counts["u-carmen"]);
        Assert.Equal(60, counts["u-dmitri"]);
        Assert.Equal(60, counts["nobody"]);
        await using var check = store.CreateDbContext();
        Assert.Equal(60, await check.Assignments.CountAsync(a => a.ChannelId == SalesTelegram && a.ReasonKind == AssignmentReasonKind.NobodyAvailable));
    }

    [Fact]
    public async Task The_distribution_preview_asks_the_same_question_with_the_reps_status()
    {
        await SetChannelAsync(SalesTelegram, onlyOnline: true);
        using var dmitri = Presence.WindowOpened("u-dmitri");
        await using var scope = store.Services.CreateAsyncScope();

        var routing = await LoadRoutingAsync(scope.ServiceProvider);
        var plan = routing.Plan(null, TimeProvider.System.GetUtcNow());

        Assert.Equal("u-dmitri", plan.AssignedTo);
        Assert.Equal(["u-boris", "u-carmen"], plan.Skipped.Select(v => v.UserId));
    }

    private async Task<ChannelRoutingState> LoadRoutingAsync(IServiceProvider services)
    {
        await using var db = store.CreateDbContext();
        var channel = await db.Channels.AsNoTracking().SingleAsync(c => c.Id == SalesTelegram);
        return await ChannelRoutingState.LoadAsync(db, channel, services.GetRequiredService<RepPresence>(), [], CancellationToken.None);
    }

    private async Task<ReceivedMessage> NewClientAsync(Guid channelId, int n)
    {
        var clientId = channelId == SalesWhatsApp ? $"3461100{n:D4}" : $"20000{n:D5}";
        var result = await store.ReceiveAsync(new IncomingMessage(channelId, clientId, $"Client {n}", "Hello"));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.True(result.Received!.IsNewClient);
        return result.Received;
    }

    private async Task SetChannelAsync(Guid channelId, bool onlyOnline = false, int? maxUnanswered = null)
    {
        await using var db = store.CreateDbContext();
        await db.Channels.Where(c => c.Id == channelId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.OnlyOnlineRepsReceiveNewClients, onlyOnline)
            .SetProperty(c => c.MaxUnansweredPerRep, maxUnanswered));
    }

    private async Task SetAwayAsync(string userId)
    {
        await using var db = store.CreateDbContext();
        await db.CrmUsers.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.AwaySinceUtc, DateTime.UtcNow));
    }
}
