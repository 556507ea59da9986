using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Routing;

namespace WazzupAdmin.Tests.Concurrency;

/// <summary>
/// The writer of clients' messages keeps what it read for a batch (the channel's reps, rotation, queue and stage, the
/// webhook subscription) for the next one while nothing else has written to the SQLite file. What a user would notice
/// is that nothing is stale: whatever is saved between two new clients, and whoever opens or closes a chat window,
/// the second client is distributed as if everything had been read again.
/// </summary>
public sealed class WriterMemoryTests : IAsyncLifetime
{
    // In turn; eligible: Boris, Carmen, Dmitri.
    private static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;

    private IncomingMessageStore store = default!;
    private int clients;

    // A closed window counts as leaving at once, so that closing one changes presence without any clock.
    public async Task InitializeAsync() =>
        store = await IncomingMessageStore.StartAsync(configure: services => services.Configure<RoutingOptions>(o => o.PresenceGracePeriod = TimeSpan.Zero));

    public async Task DisposeAsync() => await store.DisposeAsync();

    [Fact]
    public async Task Consecutive_new_clients_with_nothing_else_written_go_round_in_turn_and_the_rules_are_read_once()
    {
        using var commands = StoreCommands.Of(store.CreateDbContext());

        var assigned = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            assigned.Add((await NewClientAsync()).ResponsibleUserId);
        }

        Assert.Equal(["u-boris", "u-carmen", "u-dmitri", "u-boris", "u-carmen"], assigned);
        Assert.Equal(1, commands.Reading("ChannelTurns"));
        Assert.Equal(1, commands.Reading("ChannelAccess"));
        await using var db = store.CreateDbContext();
        var turn = await db.ChannelTurns.SingleAsync(t => t.ChannelId == SalesTelegram);
        Assert.Equal((5, "u-carmen"), (turn.ClientsDistributed, turn.LastAssignedUserId));
    }

    [Fact]
    public async Task A_rep_taken_off_new_clients_between_two_clients_gets_none_of_the_second()
    {
        using var commands = StoreCommands.Of(store.CreateDbContext());
        Assert.Equal("u-boris", (await NewClientAsync()).ResponsibleUserId);

        await using (var db = store.CreateDbContext())
        {
            await db.ChannelAccess.Where(a => a.ChannelId == SalesTelegram && a.CrmUserId == "u-carmen")
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ReceivesNewClients, false));
        }

        Assert.Equal("u-dmitri", (await NewClientAsync()).ResponsibleUserId);
        Assert.Equal("u-boris", (await NewClientAsync()).ResponsibleUserId);
        // Read for the first client, again after the change, and then kept.
        Assert.Equal(2, commands.Reading("ChannelTurns"));
    }

    [Fact]
    public async Task A_new_deal_stage_saved_between_two_clients_is_where_the_second_clients_deal_goes()
    {
        var first = await NewClientAsync();
        string funnelId, stageId;
        await using (var db = store.CreateDbContext())
        {
            var firstDealId = await db.Conversations.Where(c => c.Id == first.ConversationId).Select(c => c.NewClientDealId).SingleAsync();
            var firstStage = await db.Deals.Where(d => d.Id == firstDealId).Select(d => d.StageId).SingleAsync();
            var other = await db.Stages.Where(s => s.Id != firstStage).OrderBy(s => s.FunnelId).ThenBy(s => s.Position).FirstAsync();
            (funnelId, stageId) = (other.FunnelId, other.Id);
            await db.Channels.Where(c => c.Id == SalesTelegram).ExecuteUpdateAsync(s => s.SetProperty(c => c.FunnelId, funnelId).SetProperty(c => c.StageId, stageId));
        }

        var second = await NewClientAsync();

        await using var check = store.CreateDbContext();
        var dealId = await check.Conversations.Where(c => c.Id == second.ConversationId).Select(c => c.NewClientDealId).SingleAsync();
        var deal = await check.Deals.SingleAsync(d => d.Id == dealId);
        Assert.Equal((funnelId, stageId), (deal.FunnelId, deal.StageId));
    }

    [Fact]
    public async Task A_rep_who_closes_their_chat_window_between_two_clients_is_skipped_by_the_second_though_nothing_was_written()
    {
        await using (var db = store.CreateDbContext())
        {
            await db.Channels.Where(c => c.Id == SalesTelegram).ExecuteUpdateAsync(s => s.SetProperty(c => c.OnlyOnlineRepsReceiveNewClients, true));
        }

        var presence = store.Services.GetRequiredService<RepPresence>();
        var boris = presence.WindowOpened("u-boris");
        using var carmen = presence.WindowOpened("u-carmen");
        using var commands = StoreCommands.Of(store.CreateDbContext());

        Assert.Equal("u-boris", (await NewClientAsync()).ResponsibleUserId);
        Assert.Equal("u-carmen", (await NewClientAsync()).ResponsibleUserId);
        boris.Dispose();
        Assert.False(presence.IsOnline("u-boris"));

        // Dmitri is offline and now Boris too: Carmen again.
        Assert.Equal("u-carmen", (await NewClientAsync()).ResponsibleUserId);
        Assert.Equal(1, commands.Reading("ChannelTurns"));
    }

    [Fact]
    public async Task With_a_cap_the_clients_kept_count_across_clients_and_an_answer_frees_a_rep()
    {
        await using (var db = store.CreateDbContext())
        {
            await db.Channels.Where(c => c.Id == SalesTelegram).ExecuteUpdateAsync(s => s.SetProperty(c => c.MaxUnansweredPerRep, 1));
        }

        var served = new List<ReceivedMessage>();
        for (var i = 0; i < 3; i++)
        {
            served.Add(await NewClientAsync());
        }

        var fourth = await NewClientAsync();
        Assert.Equal(["u-boris", "u-carmen", "u-dmitri"], served.Select(r => r.ResponsibleUserId));
        Assert.Null(fourth.ResponsibleUserId);

        // Carmen answers her client, in another connection, as her chat window would.
        await using (var db = store.CreateDbContext())
        {
            await db.Conversations.Where(c => c.Id == served[1].ConversationId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Unanswered, false));
            await db.Conversations.Where(c => c.Id == fourth.ConversationId).ExecuteUpdateAsync(s => s.SetProperty(c => c.QueuedAtUtc, (DateTime?)null));
        }

        Assert.Equal("u-carmen", (await NewClientAsync()).ResponsibleUserId);
    }

    private async Task<ReceivedMessage> NewClientAsync()
    {
        var n = Interlocked.Increment(ref clients);
        var result = await store.ReceiveAsync(new IncomingMessage(SalesTelegram, $"memory_client_{n:D2}", $"Client {n}", "Hello"));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.True(result.Received!.IsNewClient);
        return result.Received;
    }

    /// <summary>The SQL that the contexts of one store run, as EF Core reports it.</summary>
    private sealed class StoreCommands : StoreEvents
    {
        private readonly ConcurrentQueue<string> texts = new();

        private StoreCommands(DbContext of)
            : base(of, RelationalEventId.CommandExecuting)
        {
        }

        /// <summary>Watches the store of <paramref name="of"/>, which it then disposes.</summary>
        public static StoreCommands Of(DbContext of)
        {
            using (of)
            {
                return new StoreCommands(of);
            }
        }

        /// <summary>How many queries read the table.</summary>
        public int Reading(string table) =>
            texts.Count(t => t.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && t.Contains($"FROM \"{table}\"", StringComparison.Ordinal));

        protected override void OnEvent(DbContext context, DbContextEventData data)
        {
            if (data is CommandEventData command)
            {
                texts.Enqueue(command.Command.CommandText);
            }
        }
    }
}
