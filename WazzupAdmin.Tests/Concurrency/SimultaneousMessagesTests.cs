using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Data;

namespace WazzupAdmin.Tests.Concurrency;

/// <summary>Many messages at once, each through its own scope and context, as simultaneous webhook calls would arrive.</summary>
public class SimultaneousMessagesTests : IAsyncLifetime
{
    /// <summary>The store's engine; the class that runs these tests on PostgreSQL says so.</summary>
    protected virtual StoreProvider Provider => StoreProvider.Sqlite;

    /// <summary>Whether the messages are split between two consoles on the one store (every other one to each).</summary>
    protected virtual bool TwoInstances => false;

    // In turn; eligible: Boris, Carmen, Dmitri.
    private static readonly DemoWorkspace.DemoChannel SalesTelegram = DemoWorkspace.Channels[1];
    private static readonly string[] EligibleInOrder = ["u-boris", "u-carmen", "u-dmitri"];

    private IncomingMessageStore store = default!;
    private ServiceProvider? second;

    public async Task InitializeAsync()
    {
        store = await IncomingMessageStore.StartAsync(Provider);
        second = TwoInstances ? store.SecondInstance() : null;
    }

    public async Task DisposeAsync()
    {
        if (second is not null)
        {
            await second.DisposeAsync();
        }

        await store.DisposeAsync();
    }

    [Fact]
    public async Task Two_hundred_simultaneous_new_clients_are_shared_evenly_in_turn_with_one_contact_deal_and_conversation_each()
    {
        // Numeric Telegram ids and usernames, as clients of a Telegram channel come.
        var clientIds = Enumerable.Range(1, 200)
            .Select(i => i % 2 == 0 ? $"{7000000000L + i}" : $"client_{i:D3}")
            .ToList();
        var (before, _) = await CountsAsync();

        var stopwatch = Stopwatch.StartNew();
        var results = await AllAtOnceAsync(clientIds.Select(id => new IncomingMessage(SalesTelegram.Id, id, null, $"Hello from {id}")));
        stopwatch.Stop();

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors)));
        Assert.All(results, r => Assert.True(r.Received!.IsNewClient));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"200 clients took {stopwatch.Elapsed}.");

        var perRep = results.GroupBy(r => r.Received!.ResponsibleUserId).ToDictionary(g => g.Key ?? "(nobody)", g => g.Count());
        Assert.Equal(EligibleInOrder, perRep.Keys.Order(StringComparer.Ordinal));
        Assert.True(perRep.Values.Max() - perRep.Values.Min() <= 1, string.Join(", ", perRep));

        var (after, duplicateChats) = await CountsAsync();
        Assert.Equal(before with { Contacts = before.Contacts + 200, Deals = before.Deals + 200, Conversations = before.Conversations + 200, Messages = before.Messages + 200, Assignments = before.Assignments + 200 }, after);
        Assert.Empty(duplicateChats);

        await using var db = store.CreateDbContext();
        // Writers took turns, so the rotation went round in order with no rep taking two turns in a row.
        var assignedInOrder = await db.Assignments.Where(a => a.ChannelId == SalesTelegram.Id).OrderBy(a => a.Id).Select(a => a.UserId).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 200).Select(i => EligibleInOrder[i % 3]), assignedInOrder);
        var turn = await db.ChannelTurns.SingleAsync(t => t.ChannelId == SalesTelegram.Id);
        Assert.Equal(200, turn.ClientsDistributed);

        var contactsPerRep = await db.Contacts.Where(c => c.Chats.Any(ch => ch.ChatType == "telegram" && clientIds.Contains(ch.ChatId!)))
            .GroupBy(c => c.ResponsibleUserId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(perRep, contactsPerRep.ToDictionary(g => g.Key ?? "(nobody)", g => g.Count));
        var conversationIds = results.Select(r => r.Received!.ConversationId).ToList();
        Assert.Equal(200, conversationIds.Distinct().Count());
        Assert.Equal(200, await db.Conversations.Where(c => conversationIds.Contains(c.Id)).Select(c => c.ContactId).Distinct().CountAsync());
    }

    [Fact]
    public async Task Fifty_simultaneous_messages_from_one_new_client_make_one_contact_one_deal_and_one_conversation()
    {
        var (before, _) = await CountsAsync();

        var results = await AllAtOnceAsync(Enumerable.Range(1, 50)
            .Select(i => new IncomingMessage(SalesTelegram.Id, i % 2 == 0 ? "@nina_kowalska" : "nina_kowalska", "Nina", $"Message {i}")));

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors)));
        Assert.Single(results, r => r.Received!.IsNewClient);
        Assert.Single(results.Select(r => r.Received!.ContactId).Distinct());
        Assert.Single(results.Select(r => r.Received!.ConversationId).Distinct());
        Assert.All(results, r => Assert.Equal("u-boris", r.Received!.ResponsibleUserId));

        var (after, duplicateChats) = await CountsAsync();
        Assert.Equal(before with { Contacts = before.Contacts + 1, Deals = before.Deals + 1, Conversations = before.Conversations + 1, Messages = before.Messages + 50, Assignments = before.Assignments + 1 }, after);
        Assert.Empty(duplicateChats);

        await using var db = store.CreateDbContext();
        var conversation = await db.Conversations.Include(c => c.Messages).SingleAsync(c => c.Id == results[0].Received!.ConversationId);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"Message {i}").Order(), conversation.Messages.Select(m => m.Text).Order());
        Assert.Equal(1, (await db.ChannelTurns.SingleAsync(t => t.ChannelId == SalesTelegram.Id)).ClientsDistributed);
    }

    // Every call waits on one gate and runs on its own thread-pool thread, so they really start together.
    private async Task<ReceiveResult[]> AllAtOnceAsync(IEnumerable<IncomingMessage> messages)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = messages.Select((message, i) => Task.Run(async () =>
        {
            await gate.Task;
            return second is not null && i % 2 == 1
                ? await IncomingMessageStore.ReceiveAsync(second, message)
                : await store.ReceiveAsync(message);
        })).ToList();
        gate.SetResult();
        return await Task.WhenAll(calls);
    }

    private sealed record StoreCounts(int Contacts, int Deals, int Conversations, int Messages, int Assignments);

    private async Task<(StoreCounts Counts, List<string> DuplicateChats)> CountsAsync()
    {
        await using var db = store.CreateDbContext();
        var counts = new StoreCounts(
            await db.Contacts.CountAsync(),
            await db.Deals.CountAsync(),
            await db.Conversations.CountAsync(),
            await db.Messages.CountAsync(),
            await db.Assignments.CountAsync());
        var duplicateChats = await db.ContactChats.GroupBy(c => new { c.ChatType, c.ChatId }).Where(g => g.Count() > 1)
            .Select(g => g.Key.ChatType + ":" + g.Key.ChatId).ToListAsync();
        return (counts, duplicateChats);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class SimultaneousMessagesTestsOnPostgres : SimultaneousMessagesTests
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}

/// <summary>The same tests split between two consoles on one PostgreSQL database, with the same outcomes as on one.</summary>
public sealed class SimultaneousMessagesTestsOnTwoPostgresInstances : SimultaneousMessagesTests
{
    protected override StoreProvider Provider => StoreProvider.Postgres;

    protected override bool TwoInstances => true;
}
