using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Data;

namespace WazzupAdmin.Tests.Concurrency;

/// <summary>
/// Messages that arrive while the store is busy are written together in one transaction; one the store refuses must not
/// take the others down with it.
/// </summary>
public class BatchedMessagesTests : IAsyncLifetime
{
    /// <summary>The store's engine; the class that runs these tests on PostgreSQL says so.</summary>
    protected virtual StoreProvider Provider => StoreProvider.Sqlite;

    // In turn; eligible: Boris, Carmen, Dmitri.
    private static readonly DemoWorkspace.DemoChannel SalesTelegram = DemoWorkspace.Channels[1];

    private IncomingMessageStore store = default!;

    public async Task InitializeAsync() => store = await IncomingMessageStore.StartAsync(Provider);

    public async Task DisposeAsync() => await store.DisposeAsync();

    [Fact]
    public async Task A_message_the_store_refuses_fails_alone_and_every_message_waiting_with_it_is_stored()
    {
        // The store itself refuses one message, as a constraint would.
        await using (var setup = store.CreateDbContext())
        {
            await setup.Database.ExecuteSqlRawAsync(Provider == StoreProvider.Postgres
                ? """ALTER TABLE "Messages" ADD CONSTRAINT "RefusePoison" CHECK ("Text" <> 'poison')"""
                : """
                CREATE TRIGGER "RefusePoison" BEFORE INSERT ON "Messages" WHEN NEW."Text" = 'poison'
                BEGIN SELECT RAISE(ABORT, 'The store refuses this row.'); END
                """);
        }

        var writer = store.Services.GetRequiredService<IncomingMessageWriter>();
        var texts = Enumerable.Range(1, 30).Select(i => i == 15 ? "poison" : $"Hello {i}").ToList();

        List<Task<ReceiveResult>> calls;
        // Another writer holds the store while the messages arrive, so they queue and are written in at most two batches,
        // and the refused one shares its batch with others whichever way the queue is split.
        await using (var busy = store.CreateDbContext())
        await using (await busy.Database.BeginTransactionAsync())
        {
            calls = [.. texts.Select((text, i) => writer.WriteAsync(new IncomingMessage(SalesTelegram.Id, $"batch_client_{i:D2}", null, text)))];
        }

        var refused = calls[14];
        await Assert.ThrowsAnyAsync<Exception>(() => refused);
        var stored = await Task.WhenAll(calls.Where(c => c != refused));
        Assert.All(stored, r => Assert.True(r.Succeeded && r.Received!.IsNewClient, string.Join("; ", r.Errors)));

        await using var db = store.CreateDbContext();
        var messages = await db.Messages.Where(m => m.Text == "poison" || m.Text.StartsWith("Hello ")).Select(m => m.Text).ToListAsync();
        Assert.Equal(texts.Where(t => t != "poison").Order(), messages.Order());
        Assert.False(await db.ContactChats.AnyAsync(c => c.ChatId == "batch_client_14"));
        // The refused client took no turn: the 29 others went round the three reps in order.
        var turn = await db.ChannelTurns.SingleAsync(t => t.ChannelId == SalesTelegram.Id);
        Assert.Equal(29, turn.ClientsDistributed);
        var assigned = await db.Assignments.Where(a => a.ChannelId == SalesTelegram.Id).OrderBy(a => a.Id).Select(a => a.UserId).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 29).Select(i => new[] { "u-boris", "u-carmen", "u-dmitri" }[i % 3]), assigned);
    }

    [Fact]
    public async Task A_message_whose_caller_gave_up_before_it_was_written_is_not_stored()
    {
        var writer = store.Services.GetRequiredService<IncomingMessageWriter>();
        using var giveUp = new CancellationTokenSource();
        Task<ReceiveResult> call;
        Task<ReceiveResult> first;
        await using (var busy = store.CreateDbContext())
        await using (await busy.Database.BeginTransactionAsync())
        {
            // The first message keeps the writer waiting for the store; the second waits in the queue behind it. The
            // writer begins its transaction only once it has taken its batch, so the second cannot join the first's.
            using var writerBegins = TransactionStarts.Await(busy);
            first = writer.WriteAsync(new IncomingMessage(SalesTelegram.Id, "first_in_line", null, "Hello"));
            await writerBegins.Started.WaitAsync(TimeSpan.FromSeconds(10));
            call = writer.WriteAsync(new IncomingMessage(SalesTelegram.Id, "gave_up", null, "Anyone?"), giveUp.Token);
            await giveUp.CancelAsync();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True((await first).Succeeded);
        await using var db = store.CreateDbContext();
        Assert.False(await db.ContactChats.AnyAsync(c => c.ChatId == "gave_up"));
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class BatchedMessagesTestsOnPostgres : BatchedMessagesTests
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
