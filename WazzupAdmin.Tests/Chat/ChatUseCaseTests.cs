using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Data;

namespace WazzupAdmin.Tests.Chat;

/// <summary>
/// The chat window's use cases for every role, over the demo workspace: who sees a conversation, who may write to it,
/// first responder's claim, the Deals dropdown and the unanswered counters.
/// </summary>
public class ChatUseCaseTests : IAsyncLifetime
{
    /// <summary>The store's engine; the class that runs these tests on PostgreSQL says so.</summary>
    protected virtual StoreProvider Provider => StoreProvider.Sqlite;

    // Sales WhatsApp: first responder; Boris, Carmen, Dmitri and Hugo receive new clients, Farid is a sales rep who
    // does not; Anna is manager, Elena quality control; Greta has no access.
    private static readonly DemoWorkspace.DemoChannel SalesWhatsApp = DemoWorkspace.Channels[0];

    // Sales Telegram: in turn among Boris, Carmen and Dmitri.
    private static readonly DemoWorkspace.DemoChannel SalesTelegram = DemoWorkspace.Channels[1];

    // Store Instagram: Greta is manager there, Boris a sales rep.
    private static readonly DemoWorkspace.DemoChannel StoreInstagram = DemoWorkspace.Channels[2];

    // Lucía Fernández (c-1001) writes on WhatsApp and is Boris's client; Carmen has a deal with her too.
    private const string LuciaPhone = "34600111222";

    private ChatWorkspace workspace = default!;

    public async Task InitializeAsync() => workspace = await ChatWorkspace.StartAsync(Provider);

    public async Task DisposeAsync() => await workspace.DisposeAsync();

    [Fact]
    public async Task A_new_first_responder_client_is_seen_by_the_eligible_reps_the_manager_and_quality_control_only()
    {
        var received = await NewWhatsAppClientAsync("34611222334", "Nora Blanco");

        foreach (var userId in new[] { "u-boris", "u-carmen", "u-dmitri", "u-hugo", "u-anna", "u-elena" })
        {
            var listed = await workspace.AsUserAsync(userId, (ChatReadingService chat) => chat.ListAsync());
            var summary = Assert.Single(listed, c => c.Id == received.ConversationId);
            Assert.True(summary.Unclaimed, userId);
            Assert.True(summary.Unanswered, userId);
            Assert.Equal("Nora Blanco", summary.ContactName);
            Assert.NotNull(await workspace.AsUserAsync(userId, (ChatReadingService chat) => chat.OpenAsync(received.ConversationId)));
        }

        // Farid is a sales rep who does not receive new clients; Greta has no access to the channel.
        foreach (var userId in new[] { "u-farid", "u-greta" })
        {
            Assert.DoesNotContain(await workspace.AsUserAsync(userId, (ChatReadingService chat) => chat.ListAsync()), c => c.Id == received.ConversationId);
            Assert.Null(await workspace.AsUserAsync(userId, (ChatReadingService chat) => chat.OpenAsync(received.ConversationId)));
            Assert.Empty(await workspace.AsUserAsync(userId, (ChatReadingService chat) => chat.DealsAsync(received.ConversationId)));
        }
    }

    [Fact]
    public async Task A_known_client_is_seen_by_their_responsible_rep_the_manager_and_quality_control_only()
    {
        var lucia = await workspace.ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, LuciaPhone, null, "Are the doors ready?"));
        Assert.False(lucia.IsNewClient);
        Assert.Equal("u-boris", lucia.ResponsibleUserId);

        foreach (var userId in new[] { "u-boris", "u-anna", "u-elena" })
        {
            var view = await workspace.AsUserAsync(userId, (ChatReadingService chat) => chat.OpenAsync(lucia.ConversationId));
            Assert.NotNull(view);
            Assert.Equal("Lucía Fernández", view.Summary.ContactName);
            Assert.Equal("Boris Ivanov", view.ResponsibleName);
            Assert.False(view.Summary.Unclaimed);
            Assert.Equal("Are the doors ready?", Assert.Single(view.Messages).Text);
            Assert.Contains(await workspace.AsUserAsync(userId, (ChatReadingService chat) => chat.ListAsync()), c => c.Id == lucia.ConversationId);
        }

        foreach (var userId in new[] { "u-carmen", "u-dmitri", "u-hugo", "u-farid", "u-greta" })
        {
            Assert.DoesNotContain(await workspace.AsUserAsync(userId, (ChatReadingService chat) => chat.ListAsync()), c => c.Id == lucia.ConversationId);
            Assert.Null(await workspace.AsUserAsync(userId, (ChatReadingService chat) => chat.OpenAsync(lucia.ConversationId)));
        }
    }

    [Fact]
    public async Task Each_role_writes_only_where_it_may()
    {
        var lucia = await workspace.ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, LuciaPhone, null, "Hello?"));

        var boris = await workspace.AsUserAsync("u-boris", (ChatReadingService chat) => chat.OpenAsync(lucia.ConversationId));
        Assert.True(boris!.CanWrite);
        Assert.Null(boris.WriteBlockedReason);
        Assert.Equal(ChannelRole.SalesRep, boris.Role);
        Assert.Equal(SendStatus.Sent, (await SendAsync("u-boris", lucia.ConversationId, "Yes, tomorrow.")).Status);

        var anna = await workspace.AsUserAsync("u-anna", (ChatReadingService chat) => chat.OpenAsync(lucia.ConversationId));
        Assert.True(anna!.CanWrite);
        Assert.Equal(SendStatus.Sent, (await SendAsync("u-anna", lucia.ConversationId, "Anna here, the manager.")).Status);

        var elena = await workspace.AsUserAsync("u-elena", (ChatReadingService chat) => chat.OpenAsync(lucia.ConversationId));
        Assert.False(elena!.CanWrite);
        Assert.Equal(ChannelRole.QualityControl, elena.Role);
        Assert.Equal("Quality control cannot write.", elena.WriteBlockedReason);
        var qualityControl = await SendAsync("u-elena", lucia.ConversationId, "Checking in.");
        Assert.Equal(new SendResult(SendStatus.Refused, Reason: "Quality control cannot write."), qualityControl);

        foreach (var userId in new[] { "u-carmen", "u-farid", "u-greta" })
        {
            var refused = await SendAsync(userId, lucia.ConversationId, "Not mine to answer.");
            Assert.Equal(new SendResult(SendStatus.Refused, Reason: ConversationAccess.NoAccess), refused);
        }

        var stored = await StoredRepliesAsync(lucia.ConversationId);
        Assert.Equal([("u-boris", "Yes, tomorrow."), ("u-anna", "Anna here, the manager.")], stored);
    }

    [Fact]
    public async Task A_rep_who_forges_another_reps_conversation_id_gets_nothing()
    {
        var lucia = await workspace.ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, LuciaPhone, null, "Private question"));

        var carmen = "u-carmen";
        Assert.Null(await workspace.AsUserAsync(carmen, (ChatReadingService chat) => chat.OpenAsync(lucia.ConversationId)));
        Assert.Empty(await workspace.AsUserAsync(carmen, (ChatReadingService chat) => chat.DealsAsync(lucia.ConversationId)));
        var reply = await SendAsync(carmen, lucia.ConversationId, "I will take this one.");

        Assert.Equal(SendStatus.Refused, reply.Status);
        Assert.Null(reply.TakenBy);
        Assert.Empty(await StoredRepliesAsync(lucia.ConversationId));
        await using var db = workspace.CreateDbContext();
        Assert.Equal("u-boris", (await db.Contacts.SingleAsync(c => c.Id == lucia.ContactId)).ResponsibleUserId);
        Assert.True((await db.Conversations.SingleAsync(c => c.Id == lucia.ConversationId)).Unanswered);
    }

    [Fact]
    public async Task An_unknown_conversation_is_not_found_for_anyone()
    {
        Assert.Null(await workspace.AsUserAsync("u-anna", (ChatReadingService chat) => chat.OpenAsync(987654)));
        Assert.Equal(SendStatus.Refused, (await SendAsync("u-anna", 987654, "Hello")).Status);
    }

    [Fact]
    public async Task The_first_reply_claims_the_client_and_the_other_reps_lose_the_chat()
    {
        var received = await NewWhatsAppClientAsync("34611222335", "Oscar Prieto");
        var offered = await workspace.AsUserAsync("u-carmen", (ChatReadingService chat) => chat.OpenAsync(received.ConversationId));
        Assert.True(offered!.CanWrite);
        Assert.True(offered.WriteClaims);
        Assert.Null(offered.ResponsibleName);

        Assert.Equal(SendStatus.Sent, (await SendAsync("u-carmen", received.ConversationId, "Hi Oscar, Carmen here.")).Status);

        await using (var db = workspace.CreateDbContext())
        {
            var contact = await db.Contacts.Include(c => c.Deals).SingleAsync(c => c.Id == received.ContactId);
            Assert.Equal("u-carmen", contact.ResponsibleUserId);
            Assert.Equal("u-carmen", Assert.Single(contact.Deals).ResponsibleUserId);
            Assert.Empty(await db.ConversationOffers.Where(o => o.ConversationId == received.ConversationId).ToListAsync());
            var claim = await db.Assignments.Where(a => a.ConversationId == received.ConversationId).OrderBy(a => a.Id).LastAsync();
            Assert.Equal("u-carmen", claim.UserId);
        }

        var carmen = await workspace.AsUserAsync("u-carmen", (ChatReadingService chat) => chat.OpenAsync(received.ConversationId));
        Assert.Equal("Carmen López", carmen!.ResponsibleName);
        Assert.False(carmen.WriteClaims);
        Assert.False(carmen.Summary.Unclaimed);
        Assert.False(carmen.Summary.Unanswered);
        Assert.Single(await workspace.AsUserAsync("u-carmen", (ChatReadingService chat) => chat.DealsAsync(received.ConversationId)));

        foreach (var userId in new[] { "u-boris", "u-dmitri", "u-hugo" })
        {
            Assert.DoesNotContain(await workspace.AsUserAsync(userId, (ChatReadingService chat) => chat.ListAsync()), c => c.Id == received.ConversationId);
            Assert.Null(await workspace.AsUserAsync(userId, (ChatReadingService chat) => chat.OpenAsync(received.ConversationId)));
            var late = await SendAsync(userId, received.ConversationId, "Hello, can I help?");
            Assert.Equal(new SendResult(SendStatus.AlreadyTaken, TakenBy: "Carmen López"), late);
        }

        // Farid was never offered the client: he learns nothing about who took it.
        Assert.Equal(new SendResult(SendStatus.Refused, Reason: ConversationAccess.NoAccess), await SendAsync("u-farid", received.ConversationId, "Hi"));
        Assert.Equal([("u-carmen", "Hi Oscar, Carmen here.")], await StoredRepliesAsync(received.ConversationId));

        // The manager and quality control still see it, now Carmen's.
        Assert.Equal("Carmen López", (await workspace.AsUserAsync("u-anna", (ChatReadingService chat) => chat.OpenAsync(received.ConversationId)))!.ResponsibleName);
        Assert.NotNull(await workspace.AsUserAsync("u-elena", (ChatReadingService chat) => chat.OpenAsync(received.ConversationId)));
    }

    [Fact]
    public async Task A_manager_may_write_to_any_client_without_claiming_a_new_one()
    {
        var received = await NewWhatsAppClientAsync("34611222336", "Paula Vidal");
        var lucia = await workspace.ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, LuciaPhone, null, "Hi"));

        Assert.Equal(SendStatus.Sent, (await SendAsync("u-anna", received.ConversationId, "Welcome, a rep will be with you shortly.")).Status);
        Assert.Equal(SendStatus.Sent, (await SendAsync("u-anna", lucia.ConversationId, "Boris is on it.")).Status);

        await using var db = workspace.CreateDbContext();
        Assert.Null((await db.Contacts.SingleAsync(c => c.Id == received.ContactId)).ResponsibleUserId);
        Assert.Equal(4, await db.ConversationOffers.CountAsync(o => o.ConversationId == received.ConversationId));
        // Still offered: the first rep to reply claims it.
        Assert.Equal(SendStatus.Sent, (await SendAsync("u-hugo", received.ConversationId, "Hugo here.")).Status);
        Assert.Equal("u-hugo", (await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == received.ContactId)).ResponsibleUserId);
    }

    [Fact]
    public async Task The_deals_dropdown_lists_only_this_users_deals_with_the_contact_open_first()
    {
        var lucia = await workspace.ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, LuciaPhone, null, "Hi"));
        var pedro = await workspace.ReceiveAsync(new IncomingMessage(StoreInstagram.Id, "pedro.alves", null, "Hi"));

        // Lucía has deals with Boris and with Carmen: Boris sees his two only.
        var borisWithLucia = await workspace.AsUserAsync("u-boris", (ChatReadingService chat) => chat.DealsAsync(lucia.ConversationId));
        Assert.Equal(["d-2001", "d-2015"], borisWithLucia.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(borisWithLucia, d => Assert.Equal(DemoWorkspace.DealUri(d.Id), d.Uri));

        // Pedro: the open wholesale order before the closed summer collection.
        var borisWithPedro = await workspace.AsUserAsync("u-boris", (ChatReadingService chat) => chat.DealsAsync(pedro.ConversationId));
        Assert.Equal([("d-2006", false), ("d-2005", true)], borisWithPedro.Select(d => (d.Id, d.Closed)));

        // The manager sees the conversation but is responsible for none of its deals.
        Assert.Empty(await workspace.AsUserAsync("u-anna", (ChatReadingService chat) => chat.DealsAsync(lucia.ConversationId)));
        Assert.Empty(await workspace.AsUserAsync("u-greta", (ChatReadingService chat) => chat.DealsAsync(pedro.ConversationId)));
    }

    [Fact]
    public async Task Unanswered_counters_follow_each_role()
    {
        await workspace.ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, LuciaPhone, null, "Hi, Boris?"));
        var newClient = await NewWhatsAppClientAsync("34611222337", "Quim Soler");
        var inTurn = await workspace.ReceiveAsync(new IncomingMessage(SalesTelegram.Id, "1000000077", "Rosa Gil", "Hello"));
        var inTurnRep = inTurn.ResponsibleUserId!;

        var expected = new Dictionary<string, int>
        {
            // Lucía, the offered new client, and the Telegram client when it was Boris's turn.
            ["u-boris"] = 2 + (inTurnRep == "u-boris" ? 1 : 0),
            ["u-carmen"] = 1 + (inTurnRep == "u-carmen" ? 1 : 0),
            ["u-dmitri"] = 1 + (inTurnRep == "u-dmitri" ? 1 : 0),
            ["u-hugo"] = 1,
            ["u-farid"] = 0,
            ["u-greta"] = 0,
            // Managers and quality control count every unanswered client of their channels.
            ["u-anna"] = 3,
            ["u-elena"] = 3,
        };
        foreach (var (userId, count) in expected)
        {
            Assert.True(count == await workspace.AsUserAsync(userId, (ChatReadingService chat) => chat.UnansweredCountAsync()), $"{userId} should count {count}");
        }

        // Dmitri claims the new client: it leaves the other reps' counters, and answering it leaves his.
        Assert.Equal(SendStatus.Sent, (await SendAsync("u-dmitri", newClient.ConversationId, "Hi Quim")).Status);
        Assert.Equal(expected["u-boris"] - 1, await workspace.AsUserAsync("u-boris", (ChatReadingService chat) => chat.UnansweredCountAsync()));
        Assert.Equal(expected["u-dmitri"] - 1, await workspace.AsUserAsync("u-dmitri", (ChatReadingService chat) => chat.UnansweredCountAsync()));
        Assert.Equal(2, await workspace.AsUserAsync("u-anna", (ChatReadingService chat) => chat.UnansweredCountAsync()));
    }

    [Fact]
    public async Task An_account_not_linked_to_a_CRM_user_sees_nothing_and_cannot_write()
    {
        var lucia = await workspace.ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, LuciaPhone, null, "Hi"));

        Assert.Null(await workspace.AsAsync(DemoWorkspace.AdminEmail, (CurrentCrmUser me) => me.GetAsync()));
        Assert.Empty(await workspace.AsAsync(DemoWorkspace.AdminEmail, (ChatReadingService chat) => chat.ListAsync()));
        Assert.Null(await workspace.AsAsync(DemoWorkspace.AdminEmail, (ChatReadingService chat) => chat.OpenAsync(lucia.ConversationId)));
        Assert.Equal(0, await workspace.AsAsync(DemoWorkspace.AdminEmail, (ChatReadingService chat) => chat.UnansweredCountAsync()));
        Assert.Equal(SendStatus.Refused, (await workspace.AsAsync(DemoWorkspace.AdminEmail, (ChatReplyService chat) => chat.SendAsync(lucia.ConversationId, "Hi"))).Status);
        Assert.Equal(new ChatUser("u-boris", "Boris Ivanov"), await workspace.AsUserAsync("u-boris", (CurrentCrmUser me) => me.GetAsync()));
    }

    [Fact]
    public async Task An_empty_or_too_long_reply_is_invalid_and_not_stored()
    {
        var lucia = await workspace.ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, LuciaPhone, null, "Hi"));

        Assert.Equal(SendStatus.Invalid, (await SendAsync("u-boris", lucia.ConversationId, "   ")).Status);
        Assert.Equal(SendStatus.Invalid, (await SendAsync("u-boris", lucia.ConversationId, new string('a', 4097))).Status);
        Assert.Empty(await StoredRepliesAsync(lucia.ConversationId));
    }

    [Fact]
    public void The_create_deal_address_fills_in_the_contact_and_user_escaped()
    {
        Assert.Equal("/crm/new?contact=c%201%262&user=u%2Fb",
            CrmLinks.CreateDealUrl("/crm/new?contact={contactId}&user={userId}", "c 1&2", "u/b"));
        Assert.Null(CrmLinks.CreateDealUrl(null, "c-1", "u-1"));
    }

    private async Task<ReceivedMessage> NewWhatsAppClientAsync(string phone, string name)
    {
        var received = await workspace.ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, phone, name, "Hello, is anyone there?"));
        Assert.True(received.IsNewClient);
        Assert.Equal(["u-boris", "u-carmen", "u-dmitri", "u-hugo"], received.OfferedTo.Order(StringComparer.Ordinal));
        return received;
    }

    private Task<SendResult> SendAsync(string userId, long conversationId, string text) =>
        workspace.AsUserAsync(userId, (ChatReplyService chat) => chat.SendAsync(conversationId, text));

    private async Task<List<(string?, string)>> StoredRepliesAsync(long conversationId)
    {
        await using var db = workspace.CreateDbContext();
        var replies = await db.Messages.Where(m => m.ConversationId == conversationId && !m.Incoming).OrderBy(m => m.Id)
            .Select(m => new { m.AuthorUserId, m.Text }).ToListAsync();
        return [.. replies.Select(r => (r.AuthorUserId, r.Text))];
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class ChatUseCaseTestsOnPostgres : ChatUseCaseTests
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
