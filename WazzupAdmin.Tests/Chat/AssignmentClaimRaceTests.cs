using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Data;

namespace WazzupAdmin.Tests.Chat;

/// <summary>
/// A manager assigns an unclaimed first-responder client while a rep replies. Whatever the order the two reach the
/// store in, a claim that landed is never overridden by the assignment made on the older view: the manager is told who
/// took the client instead.
/// </summary>
public class AssignmentClaimRaceTests : IAsyncLifetime
{
    /// <summary>The store's engine; the class that runs these tests on PostgreSQL says so.</summary>
    protected virtual StoreProvider Provider => StoreProvider.Sqlite;

    private static readonly DemoWorkspace.DemoChannel SalesWhatsApp = DemoWorkspace.Channels[0];
    private const string Manager = "anna@wazzup.demo";
    private const int Offsets = 24;

    private ChatWorkspace workspace = default!;

    public async Task InitializeAsync() => workspace = await ChatWorkspace.StartAsync(Provider);

    public async Task DisposeAsync() => await workspace.DisposeAsync();

    [Fact]
    public async Task An_assignment_made_before_a_claim_landed_is_refused_and_names_who_took_the_client()
    {
        var client = await NewClientAsync(0);

        var reply = await workspace.AsUserAsync("u-boris", (ChatReplyService chat) => chat.SendAsync(client.ConversationId, "I can help"));
        var assignment = await AssignAsync(client.ConversationId, "u-carmen");

        Assert.Equal(SendStatus.Sent, reply.Status);
        Assert.Equal(AssignmentStatus.Stale, assignment.Status);
        var error = Assert.Single(assignment.Errors);
        Assert.Equal(AssignmentService.TakenMeanwhile, error.Message);
        Assert.Equal("Boris Ivanov", Assert.Single(error.Arguments));
        await AssertOwnedByAsync(client, "u-boris");
    }

    [Fact]
    public async Task A_reply_after_the_assignment_landed_is_refused_as_taken()
    {
        var client = await NewClientAsync(1);

        var assignment = await AssignAsync(client.ConversationId, "u-carmen");
        var reply = await workspace.AsUserAsync("u-boris", (ChatReplyService chat) => chat.SendAsync(client.ConversationId, "I can help"));

        Assert.True(assignment.Succeeded);
        Assert.Equal(new SendResult(SendStatus.AlreadyTaken, TakenBy: "Carmen López"), reply);
        await AssertOwnedByAsync(client, "u-carmen");
    }

    [Fact]
    public async Task At_every_offset_between_reply_and_assignment_the_claim_is_never_overridden()
    {
        // Warm every principal first: signing in is not what races.
        await workspace.PrincipalAsync(Manager);
        await workspace.PrincipalAsync(ChatWorkspace.EmailOf("u-boris"));
        var outcomes = new List<string>();
        for (var offset = 0; offset < Offsets; offset++)
        {
            var client = await NewClientAsync(10 + offset);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var replying = Task.Run(async () =>
            {
                await start.Task;
                return await workspace.AsUserAsync("u-boris", (ChatReplyService chat) => chat.SendAsync(client.ConversationId, "I can help"));
            });
            var steps = offset;
            var assigning = Task.Run(async () =>
            {
                await start.Task;
                // The assignment starts a growing number of scheduler turns after the reply.
                for (var i = 0; i < steps; i++)
                {
                    await Task.Yield();
                }

                return await AssignAsync(client.ConversationId, "u-carmen");
            });
            start.SetResult();
            var reply = await replying.WaitAsync(TimeSpan.FromSeconds(30));
            var assignment = await assigning.WaitAsync(TimeSpan.FromSeconds(30));

            if (reply.Status == SendStatus.Sent)
            {
                Assert.Equal(AssignmentStatus.Stale, assignment.Status);
                Assert.Equal("Boris Ivanov", Assert.Single(Assert.Single(assignment.Errors).Arguments));
                await AssertOwnedByAsync(client, "u-boris");
                outcomes.Add("claim");
            }
            else
            {
                Assert.Equal(SendStatus.AlreadyTaken, reply.Status);
                Assert.True(assignment.Succeeded);
                await AssertOwnedByAsync(client, "u-carmen");
                outcomes.Add("assignment");
            }
        }

        Assert.Equal(Offsets, outcomes.Count);
    }

    private async Task<ReceivedMessage> NewClientAsync(int n)
    {
        var client = await workspace.ReceiveAsync(new IncomingMessage(
            SalesWhatsApp.Id, "346113000" + n.ToString("00", CultureInfo.InvariantCulture), $"Race client {n}", "Who can help me?"));
        Assert.Contains("u-boris", client.OfferedTo);
        return client;
    }

    private async Task<AssignmentOutcome> AssignAsync(long conversationId, string salesRepUserId)
    {
        var principal = await workspace.PrincipalAsync(Manager);
        await using var scope = workspace.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ChatWorkspace.SignedInAccount>().Principal = principal;
        // The manager's pane showed the client unassigned.
        return await scope.ServiceProvider.GetRequiredService<AssignmentService>().AssignAsync(conversationId, salesRepUserId, seenResponsibleUserId: null);
    }

    /// <summary>The contact and the new deal belong to the owner, who is the only one who wrote, and no later entry took it away.</summary>
    private async Task AssertOwnedByAsync(ReceivedMessage client, string owner)
    {
        await using var db = workspace.CreateDbContext();
        var contact = await db.Contacts.Include(c => c.Deals).SingleAsync(c => c.Id == client.ContactId);
        Assert.Equal(owner, contact.ResponsibleUserId);
        Assert.Equal(owner, Assert.Single(contact.Deals).ResponsibleUserId);
        var history = await db.Assignments.Where(a => a.ConversationId == client.ConversationId && a.UserId != null).ToListAsync();
        Assert.Equal(owner, Assert.Single(history).UserId);
        var writers = await db.Messages.Where(m => m.ConversationId == client.ConversationId && !m.Incoming).Select(m => m.AuthorUserId).ToListAsync();
        Assert.All(writers, w => Assert.Equal(owner, w));
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class AssignmentClaimRaceTestsOnPostgres : AssignmentClaimRaceTests
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
