using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Routing;
using WazzupAdmin.Tests.Chat;

namespace WazzupAdmin.Tests.Routing;

/// <summary>The channels' queues on the demo store, driven by a fake clock: who waits, who gets them, in what order and how fast.</summary>
[Trait("Category", "Routing")]
public sealed class QueueStoreTests : IAsyncLifetime
{
    // In turn; eligible: Boris, Carmen, Dmitri.
    private static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;

    // First responder; eligible: Boris, Carmen, Dmitri, Hugo.
    private static readonly Guid SalesWhatsApp = DemoWorkspace.Channels[0].Id;

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private ChatWorkspace workspace = default!;

    public async Task InitializeAsync() => workspace = await ChatWorkspace.StartAsync(clock: clock);

    public async Task DisposeAsync() => await workspace.DisposeAsync();

    private RepPresence Presence => workspace.Services.GetRequiredService<RepPresence>();

    [Fact]
    public async Task Clients_nobody_could_take_wait_in_the_queue_and_go_oldest_first_to_the_first_rep_online_at_the_channels_pace()
    {
        await SetChannelAsync(SalesTelegram, onlyOnline: true, pace: 2);
        var clients = new List<ReceivedMessage>();
        for (var i = 1; i <= 3; i++)
        {
            clients.Add(await NewClientAsync(SalesTelegram, i));
            clock.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.All(clients, c => Assert.Null(c.ResponsibleUserId));
        Assert.Equal(3, await QueuedCountAsync(SalesTelegram));
        Assert.Equal((0, 3), await DrainAsync());

        using var boris = Presence.WindowOpened("u-boris");
        Assert.Equal((2, 1), await DrainAsync());

        Assert.Equal(["u-boris", "u-boris", null], await ResponsiblesAsync(clients));
        await using (var db = CreateDbContext())
        {
            var handedOut = await db.Assignments.AsNoTracking()
                .Where(a => a.ConversationId == clients[0].ConversationId).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal([AssignmentReasonKind.NobodyAvailable, AssignmentReasonKind.FromQueueAssigned], handedOut.Select(a => a.ReasonKind));
            Assert.Equal("From the queue after 30 min: given to Boris Ivanov in turn. Skipped: Carmen López (Offline), Dmitri Sokolov (Offline).", handedOut[1].Reason);
        }

        // The pace counts a minute: the third client waits for the next one, and then goes too.
        Assert.Equal((0, 1), await DrainAsync());
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal((1, 0), await DrainAsync());
        Assert.Equal(["u-boris", "u-boris", "u-boris"], await ResponsiblesAsync(clients));
        Assert.Equal(0, await QueuedCountAsync(SalesTelegram));
    }

    [Fact]
    public async Task A_new_client_does_not_overtake_the_ones_already_waiting_it_joins_the_queue_behind_them()
    {
        await SetChannelAsync(SalesTelegram, onlyOnline: true, pace: 1);
        var waiting = await NewClientAsync(SalesTelegram, 1);
        clock.Advance(TimeSpan.FromMinutes(1));
        using var boris = Presence.WindowOpened("u-boris");

        var newcomer = await NewClientAsync(SalesTelegram, 2);

        Assert.Null(newcomer.ResponsibleUserId);
        await using (var db = CreateDbContext())
        {
            var reason = await db.Assignments.AsNoTracking().Where(a => a.ConversationId == newcomer.ConversationId).Select(a => a.ReasonKind).SingleAsync();
            Assert.Equal(AssignmentReasonKind.QueuedBehindOthers, reason);
        }

        Assert.Equal((1, 1), await DrainAsync());
        Assert.Equal(["u-boris", null], await ResponsiblesAsync([waiting, newcomer]));
    }

    [Fact]
    public async Task First_responder_offers_a_queued_client_to_every_rep_who_can_take_one_and_starts_the_offers_timeout()
    {
        await SetChannelAsync(SalesWhatsApp, onlyOnline: true, pace: 5);
        await using (var db = CreateDbContext())
        {
            await db.Channels.Where(c => c.Id == SalesWhatsApp).ExecuteUpdateAsync(s => s.SetProperty(c => c.OfferTimeoutMinutes, 5));
        }

        var client = await NewClientAsync(SalesWhatsApp, 1);
        Assert.Empty(client.OfferedTo);
        using var carmen = Presence.WindowOpened("u-carmen");
        using var hugo = Presence.WindowOpened("u-hugo");

        Assert.Equal((1, 0), await DrainAsync());

        await using var check = CreateDbContext();
        var conversation = await check.Conversations.AsNoTracking().Include(c => c.Offers).SingleAsync(c => c.Id == client.ConversationId);
        Assert.Equal(["u-carmen", "u-hugo"], conversation.Offers.Select(o => o.UserId).Order());
        Assert.Null(conversation.QueuedAtUtc);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddMinutes(5), conversation.OfferDueAtUtc);
        var carmensList = await workspace.AsUserAsync("u-carmen", (ChatReadingService chat) => chat.ListAsync());
        Assert.Contains(carmensList, i => i.Id == client.ConversationId);
    }

    [Fact]
    public async Task A_queued_client_an_administrator_assigns_leaves_the_queue_and_the_drain_leaves_them_alone()
    {
        await SetChannelAsync(SalesTelegram, onlyOnline: true, pace: 5);
        var client = await NewClientAsync(SalesTelegram, 1);

        var principal = await workspace.PrincipalAsync(DemoWorkspace.AdminEmail);
        await using var scope = workspace.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ChatWorkspace.SignedInAccount>().Principal = principal;
        var outcome = await scope.ServiceProvider.GetRequiredService<AssignmentService>().AssignAsync(client.ConversationId, "u-dmitri", seenResponsibleUserId: null);
        Assert.Equal(AssignmentStatus.Assigned, outcome.Status);

        using var boris = Presence.WindowOpened("u-boris");
        Assert.Equal((0, 0), await DrainAsync());
        Assert.Equal(["u-dmitri"], await ResponsiblesAsync([client]));
    }

    [Fact]
    public async Task A_client_handed_out_in_turn_reaches_the_crm_as_responsible_changed()
    {
        await using (var db = CreateDbContext())
        {
            db.WebhookSettings.Add(new WebhookSettings { Secret = "s", Uri = "https://crm.example.com/hooks", ContactsAndDealsCreation = true });
            await db.SaveChangesAsync();
        }

        await SetChannelAsync(SalesTelegram, onlyOnline: true, pace: 5);
        var client = await NewClientAsync(SalesTelegram, 1);
        using var dmitri = Presence.WindowOpened("u-dmitri");

        await DrainAsync();

        await using var check = CreateDbContext();
        var change = Assert.Single(
            await check.OutboxEvents.AsNoTracking().Where(e => e.Kind == WebhookKinds.ResponsibleChanged).ToListAsync(),
            e => e.Payload.Contains(client.ContactId, StringComparison.Ordinal));
        Assert.Contains("\"responsibleUserId\":\"u-dmitri\"", change.Payload, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"turn\"", change.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_drains_at_once_hand_each_queued_client_out_once()
    {
        await SetChannelAsync(SalesTelegram, onlyOnline: true, pace: 100);
        var clients = new List<ReceivedMessage>();
        for (var i = 1; i <= 20; i++)
        {
            clients.Add(await NewClientAsync(SalesTelegram, i));
        }

        using var boris = Presence.WindowOpened("u-boris");
        using var carmen = Presence.WindowOpened("u-carmen");

        var drained = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(DrainAsync)));

        Assert.Equal(20, drained.Sum(d => d.Handed));
        await using var db = CreateDbContext();
        Assert.Equal(20, await db.Assignments.CountAsync(a => a.ChannelId == SalesTelegram && a.ReasonKind == AssignmentReasonKind.FromQueueAssigned));
        var shares = (await ResponsiblesAsync(clients)).GroupBy(r => r).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(10, shares["u-boris"]);
        Assert.Equal(10, shares["u-carmen"]);
    }

    [Fact]
    public async Task A_client_who_writes_before_the_channel_opens_waits_and_is_handed_out_at_the_opening_hour()
    {
        await using (var db = CreateDbContext())
        {
            // 09:00 UTC on a Wednesday is 10:00 in Madrid; the channel opens at 11:00 there.
            await db.Channels.Where(c => c.Id == SalesTelegram).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.HoursTimeZone, "Europe/Madrid")
                .SetProperty(c => c.WeeklyHours, "Mon 11:00-18:00; Tue 11:00-18:00; Wed 11:00-18:00; Thu 11:00-18:00; Fri 11:00-18:00"));
        }

        var client = await NewClientAsync(SalesTelegram, 1);

        Assert.Null(client.ResponsibleUserId);
        await using (var db = CreateDbContext())
        {
            var reason = await db.Assignments.AsNoTracking().SingleAsync(a => a.ConversationId == client.ConversationId);
            Assert.Equal(AssignmentReasonKind.NobodyAvailable, reason.ReasonKind);
            Assert.All(reason.Why.Skipped, s => Assert.Equal(SkipReason.OutsideHours, s.Reason));
        }

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal((0, 1), await DrainAsync());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((1, 0), await DrainAsync());
        Assert.Equal(["u-boris"], await ResponsiblesAsync([client]));
    }

    [Fact]
    public async Task Outside_hours_with_distribute_anyway_a_new_client_is_distributed_at_once()
    {
        await using (var db = CreateDbContext())
        {
            await db.Channels.Where(c => c.Id == SalesTelegram).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.HoursTimeZone, "Europe/Madrid")
                .SetProperty(c => c.WeeklyHours, "Mon 11:00-18:00")
                .SetProperty(c => c.OutsideHours, OutsideHoursChoice.DistributeAnyway));
        }

        Assert.Equal("u-boris", (await NewClientAsync(SalesTelegram, 1)).ResponsibleUserId);
    }

    [Fact]
    public async Task A_rep_on_their_day_off_is_skipped_for_it_and_receives_again_the_next_day()
    {
        await using (var db = CreateDbContext())
        {
            db.RepDaysOff.Add(new RepDayOff { CrmUserId = "u-boris", Date = new DateOnly(2026, 12, 2) });
            await db.SaveChangesAsync();
        }

        var today = await NewClientAsync(SalesTelegram, 1);
        clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = await NewClientAsync(SalesTelegram, 2);

        Assert.Equal("u-carmen", today.ResponsibleUserId);
        Assert.Equal("u-dmitri", tomorrow.ResponsibleUserId);
        Assert.Equal("u-boris", (await NewClientAsync(SalesTelegram, 3)).ResponsibleUserId);
        await using var check = CreateDbContext();
        var reason = await check.Assignments.AsNoTracking().SingleAsync(a => a.ConversationId == today.ConversationId);
        Assert.Equal([new SkippedRep("Boris Ivanov", SkipReason.DayOff)], reason.Why.Skipped);
    }

    [Fact]
    public async Task A_returning_client_whose_rep_is_away_goes_to_the_next_rep_in_turn_with_the_reason()
    {
        await SetReturningAsync(ReturningClientChoice.NextRep);
        var client = await NewClientAsync(SalesTelegram, 1);
        Assert.Equal("u-boris", client.ResponsibleUserId);
        await using (var db = CreateDbContext())
        {
            await db.CrmUsers.Where(u => u.Id == "u-boris").ExecuteUpdateAsync(s => s.SetProperty(u => u.AwaySinceUtc, clock.GetUtcNow().UtcDateTime));
        }

        // Away for less than the grace period is a short break: the client stays his.
        Assert.Equal("u-boris", (await NewClientAsync(SalesTelegram, 1)).ResponsibleUserId);
        clock.Advance(TimeSpan.FromMinutes(2));

        var again = await NewClientAsync(SalesTelegram, 1);

        Assert.Equal("u-carmen", again.ResponsibleUserId);
        await using var check = CreateDbContext();
        var moved = await check.Assignments.AsNoTracking().Where(a => a.ConversationId == client.ConversationId).OrderBy(a => a.Id).LastAsync();
        Assert.Equal(AssignmentReasonKind.ReturningClientMoved, moved.ReasonKind);
        Assert.Equal("Returning client: Boris Ivanov is not available; given to Carmen López in turn. Skipped: Boris Ivanov (Away).", moved.Reason);
        Assert.Equal("u-carmen", await check.Deals.Where(d => d.Id == check.Conversations.Where(c => c.Id == client.ConversationId).Select(c => c.NewClientDealId).First())
            .Select(d => d.ResponsibleUserId).SingleAsync());
    }

    [Fact]
    public async Task A_returning_client_whose_rep_lost_access_goes_to_the_managers_unassigned_or_waits_by_default()
    {
        var waiting = await NewClientAsync(SalesTelegram, 1);
        var moving = await NewClientAsync(SalesTelegram, 2);
        await using (var db = CreateDbContext())
        {
            await db.ChannelAccess.Where(a => a.ChannelId == SalesTelegram && a.CrmUserId == "u-boris").ExecuteDeleteAsync();
            await db.ChannelAccess.Where(a => a.ChannelId == SalesTelegram && a.CrmUserId == "u-carmen").ExecuteDeleteAsync();
        }

        Assert.Equal("u-boris", (await NewClientAsync(SalesTelegram, 1)).ResponsibleUserId);
        await SetReturningAsync(ReturningClientChoice.Managers);

        Assert.Null((await NewClientAsync(SalesTelegram, 2)).ResponsibleUserId);
        await using var check = CreateDbContext();
        var handed = await check.Assignments.AsNoTracking().Where(a => a.ConversationId == moving.ConversationId).OrderBy(a => a.Id).LastAsync();
        Assert.Equal(AssignmentReasonKind.ReturningClientToManagers, handed.ReasonKind);
        Assert.Equal([new SkippedRep("Carmen López", SkipReason.NoAccess)], handed.Why.Skipped);
        Assert.Equal("u-boris", await check.Conversations.Where(c => c.Id == waiting.ConversationId).Select(c => c.Contact!.ResponsibleUserId).SingleAsync());
    }

    private async Task SetReturningAsync(ReturningClientChoice choice)
    {
        await using var db = CreateDbContext();
        await db.Channels.Where(c => c.Id == SalesTelegram).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReturningClients, choice));
    }

    private WazzupAdmin.Data.AppDbContext CreateDbContext() =>
        workspace.Services.GetRequiredService<IDbContextFactory<WazzupAdmin.Data.AppDbContext>>().CreateDbContext();

    private async Task<(int Handed, int Waiting)> DrainAsync()
    {
        await using var scope = workspace.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClientQueueService>().DrainAsync();
    }

    private async Task<int> QueuedCountAsync(Guid channelId)
    {
        await using var db = CreateDbContext();
        return await db.Conversations.CountAsync(c => c.ChannelId == channelId && c.QueuedAtUtc != null);
    }

    private async Task<List<string?>> ResponsiblesAsync(IEnumerable<ReceivedMessage> clients)
    {
        var ids = clients.Select(c => c.ConversationId).ToList();
        await using var db = CreateDbContext();
        var responsible = await db.Conversations.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Contact!.ResponsibleUserId }).ToDictionaryAsync(c => c.Id, c => c.ResponsibleUserId);
        return [.. ids.Select(id => responsible[id])];
    }

    private async Task<ReceivedMessage> NewClientAsync(Guid channelId, int n)
    {
        var clientId = channelId == SalesWhatsApp ? $"3461100{n:D4}" : $"20000{n:D5}";
        await using var scope = workspace.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IncomingMessageService>()
            .ReceiveAsync(new IncomingMessage(channelId, clientId, $"Client {n}", "Hello"));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Received!;
    }

    private async Task SetChannelAsync(Guid channelId, bool onlyOnline, int pace)
    {
        await using var db = CreateDbContext();
        await db.Channels.Where(c => c.Id == channelId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.OnlyOnlineRepsReceiveNewClients, onlyOnline)
            .SetProperty(c => c.QueuePerRepPerMinute, pace));
    }
}
