using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Data;

namespace WazzupAdmin.Tests.Chat;

/// <summary>Many first replies to one new client at the same moment, each a request of its own.</summary>
public class FirstResponderRaceTests : IAsyncLifetime
{
    /// <summary>The store's engine; the class that runs these tests on PostgreSQL says so.</summary>
    protected virtual StoreProvider Provider => StoreProvider.Sqlite;

    /// <summary>Whether the replies are split between two consoles on the one store (every other one to each).</summary>
    protected virtual bool TwoInstances => false;

    private static readonly DemoWorkspace.DemoChannel SalesWhatsApp = DemoWorkspace.Channels[0];
    private static readonly string[] EligibleReps = ["u-boris", "u-carmen", "u-dmitri", "u-hugo"];
    private const int RepliesPerRep = 16;

    private ChatWorkspace workspace = default!;

    private ChatWorkspace other = default!;

    public async Task InitializeAsync()
    {
        workspace = await ChatWorkspace.StartAsync(Provider);
        other = TwoInstances ? workspace.SecondInstance() : workspace;
    }

    public async Task DisposeAsync()
    {
        if (other != workspace)
        {
            await other.DisposeAsync();
        }

        await workspace.DisposeAsync();
    }

    [Fact]
    public async Task Sixty_four_simultaneous_first_replies_leave_exactly_one_owner()
    {
        var received = await workspace.ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34611222399", "Sara Molina", "Who can help me?"));
        Assert.Equal(EligibleReps, received.OfferedTo.Order(StringComparer.Ordinal));
        foreach (var rep in EligibleReps)
        {
            // Signing in is not what races; have every principal ready before the start.
            await workspace.PrincipalAsync(ChatWorkspace.EmailOf(rep));
            await other.PrincipalAsync(ChatWorkspace.EmailOf(rep));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var replies = EligibleReps
            .SelectMany(rep => Enumerable.Range(1, RepliesPerRep).Select(n => (Rep: rep, Text: $"{rep} reply {n}")))
            .Select((reply, i) => Task.Run(async () =>
            {
                await start.Task;
                var result = await (i % 2 == 0 ? workspace : other).AsUserAsync(reply.Rep, (ChatReplyService chat) => chat.SendAsync(received.ConversationId, reply.Text));
                return (reply.Rep, reply.Text, Result: result);
            }))
            .ToList();
        start.SetResult();
        var results = await Task.WhenAll(replies);

        var owners = results.Where(r => r.Result.Status == SendStatus.Sent).Select(r => r.Rep).Distinct().ToList();
        var owner = Assert.Single(owners);
        Assert.Equal(RepliesPerRep, results.Count(r => r.Result.Status == SendStatus.Sent));
        Assert.All(results.Where(r => r.Rep != owner), r =>
            Assert.Equal(new SendResult(SendStatus.AlreadyTaken, TakenBy: ChatWorkspace.NameOf(owner)), r.Result));

        await using var db = workspace.CreateDbContext();
        var contact = await db.Contacts.Include(c => c.Deals).SingleAsync(c => c.Id == received.ContactId);
        Assert.Equal(owner, contact.ResponsibleUserId);
        Assert.Equal(owner, Assert.Single(contact.Deals).ResponsibleUserId);
        Assert.Empty(await db.ConversationOffers.Where(o => o.ConversationId == received.ConversationId).ToListAsync());
        Assert.Equal(1, await db.Assignments.CountAsync(a => a.ConversationId == received.ConversationId && a.UserId != null));

        var stored = await db.Messages.Where(m => m.ConversationId == received.ConversationId && !m.Incoming)
            .Select(m => new { m.AuthorUserId, m.Text }).ToListAsync();
        Assert.Equal(
            results.Where(r => r.Rep == owner).Select(r => r.Text).Order(StringComparer.Ordinal),
            stored.Select(m => m.Text).Order(StringComparer.Ordinal));
        Assert.All(stored, m => Assert.Equal(owner, m.AuthorUserId));
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class FirstResponderRaceTestsOnPostgres : FirstResponderRaceTests
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}

/// <summary>The same tests with the replies split between two consoles on one PostgreSQL database.</summary>
public sealed class FirstResponderRaceTestsOnTwoPostgresInstances : FirstResponderRaceTests
{
    protected override StoreProvider Provider => StoreProvider.Postgres;

    protected override bool TwoInstances => true;
}
