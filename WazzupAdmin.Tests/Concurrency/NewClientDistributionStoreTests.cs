using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Data;

namespace WazzupAdmin.Tests.Concurrency;

/// <summary>What a client's message leaves in the store, on the demo channels.</summary>
public class NewClientDistributionStoreTests : IAsyncLifetime
{
    /// <summary>The store's engine; the class that runs these tests on PostgreSQL says so.</summary>
    protected virtual StoreProvider Provider => StoreProvider.Sqlite;

    // First responder; eligible: Boris, Carmen, Dmitri, Hugo (Farid is a sales rep with "receives new clients" off).
    private static readonly DemoWorkspace.DemoChannel SalesWhatsApp = DemoWorkspace.Channels[0];

    // In turn; eligible: Boris, Carmen, Dmitri.
    private static readonly DemoWorkspace.DemoChannel SalesTelegram = DemoWorkspace.Channels[1];

    private IncomingMessageStore store = default!;

    public async Task InitializeAsync() => store = await IncomingMessageStore.StartAsync(Provider);

    public async Task DisposeAsync() => await store.DisposeAsync();

    [Fact]
    public async Task A_new_client_on_an_in_turn_channel_gets_a_contact_a_deal_and_a_conversation_with_the_rep_in_turn()
    {
        var result = await store.ReceiveAsync(new IncomingMessage(SalesTelegram.Id, "@nina_kowalska", "Nina Kowalska", "Do you deliver to Kraków?"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var received = result.Received!;
        Assert.True(received.IsNewClient);
        Assert.Equal("u-boris", received.ResponsibleUserId);
        Assert.Empty(received.OfferedTo);

        await using var db = store.CreateDbContext();
        var contact = await db.Contacts.Include(c => c.Chats).Include(c => c.Deals).SingleAsync(c => c.Id == received.ContactId);
        Assert.Equal("Nina Kowalska", contact.Name);
        Assert.Equal("u-boris", contact.ResponsibleUserId);
        var chat = Assert.Single(contact.Chats);
        Assert.Equal(("telegram", "nina_kowalska"), (chat.ChatType, chat.ChatId));

        var deal = Assert.Single(contact.Deals);
        Assert.Equal((SalesTelegram.FunnelId, SalesTelegram.StageId), (deal.FunnelId, deal.StageId));
        Assert.Equal("u-boris", deal.ResponsibleUserId);
        Assert.False(deal.Closed);
        // Both link to their CRM pages, so the chat window's Deals dropdown can open them.
        Assert.Equal($"/demo-crm/deals/{deal.Id}", deal.Uri);
        Assert.Equal($"/demo-crm/contacts/{contact.Id}", contact.Uri);

        var conversation = await db.Conversations.Include(c => c.Messages).Include(c => c.Offers).SingleAsync(c => c.Id == received.ConversationId);
        Assert.Equal((SalesTelegram.Id, contact.Id, deal.Id), (conversation.ChannelId, conversation.ContactId, conversation.NewClientDealId));
        Assert.True(conversation.Unanswered);
        Assert.Empty(conversation.Offers);
        var message = Assert.Single(conversation.Messages);
        Assert.True(message.Incoming);
        Assert.Equal("Do you deliver to Kraków?", message.Text);

        var assignment = await db.Assignments.SingleAsync(a => a.ConversationId == conversation.Id);
        Assert.Equal((SalesTelegram.Id, "u-boris"), (assignment.ChannelId, assignment.UserId));
        Assert.Equal(received.Reason, assignment.Reason);
        Assert.StartsWith("In turn", assignment.Reason, StringComparison.Ordinal);
        Assert.Contains("Boris Ivanov, Carmen López, Dmitri Sokolov", assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_message_from_the_same_client_creates_no_contact_and_no_deal_and_keeps_the_responsible()
    {
        var first = await store.ReceiveAsync(new IncomingMessage(SalesTelegram.Id, "nina_kowalska", "Nina", "Hello"));
        var (contacts, deals, assignments) = await CountsAsync();

        var second = await store.ReceiveAsync(new IncomingMessage(SalesTelegram.Id, "@nina_kowalska", "Nina K.", "Are you there?"));

        Assert.True(second.Succeeded, string.Join("; ", second.Errors));
        Assert.False(second.Received!.IsNewClient);
        Assert.Equal(first.Received!.ContactId, second.Received.ContactId);
        Assert.Equal(first.Received.ConversationId, second.Received.ConversationId);
        Assert.Equal("u-boris", second.Received.ResponsibleUserId);
        Assert.Equal((contacts, deals, assignments), await CountsAsync());

        await using var db = store.CreateDbContext();
        var contact = await db.Contacts.Include(c => c.Deals).SingleAsync(c => c.Id == first.Received.ContactId);
        Assert.Equal("u-boris", contact.ResponsibleUserId);
        Assert.Equal("Nina", contact.Name);
        Assert.Single(contact.Deals);
        var texts = await db.Messages.Where(m => m.ConversationId == first.Received.ConversationId).OrderBy(m => m.Id).Select(m => m.Text).ToListAsync();
        Assert.Equal(["Hello", "Are you there?"], texts);
    }

    [Fact]
    public async Task A_client_who_already_has_a_contact_goes_to_its_responsible_however_the_phone_is_written()
    {
        // Lucía Fernández (c-1001, Boris) is 34600111222 in the CRM.
        var (contacts, deals, _) = await CountsAsync();

        var result = await store.ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "+34 600 111 222", null, "It's Lucía again"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.False(result.Received!.IsNewClient);
        Assert.Equal(("c-1001", "u-boris"), (result.Received.ContactId, result.Received.ResponsibleUserId));
        var (contactsAfter, dealsAfter, _) = await CountsAsync();
        Assert.Equal((contacts, deals), (contactsAfter, dealsAfter));
    }

    [Fact]
    public async Task First_responder_offers_a_new_client_to_every_eligible_rep_and_makes_nobody_responsible()
    {
        var result = await store.ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "+34 611 222 333", "Iker Zubiri", "Price of oak doors?"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var received = result.Received!;
        Assert.True(received.IsNewClient);
        Assert.Null(received.ResponsibleUserId);
        Assert.Equal(["u-boris", "u-carmen", "u-dmitri", "u-hugo"], received.OfferedTo);

        await using var db = store.CreateDbContext();
        var contact = await db.Contacts.Include(c => c.Chats).Include(c => c.Deals).SingleAsync(c => c.Id == received.ContactId);
        Assert.Null(contact.ResponsibleUserId);
        Assert.Equal(("whatsapp", "34611222333"), (contact.Chats.Single().ChatType, contact.Chats.Single().ChatId));
        var deal = Assert.Single(contact.Deals);
        Assert.Null(deal.ResponsibleUserId);
        Assert.Equal((SalesWhatsApp.FunnelId, SalesWhatsApp.StageId), (deal.FunnelId, deal.StageId));

        var offeredTo = await db.ConversationOffers.Where(o => o.ConversationId == received.ConversationId).Select(o => o.UserId).OrderBy(u => u).ToListAsync();
        Assert.Equal(["u-boris", "u-carmen", "u-dmitri", "u-hugo"], offeredTo);
        var assignment = await db.Assignments.SingleAsync(a => a.ConversationId == received.ConversationId);
        Assert.Null(assignment.UserId);
        Assert.StartsWith("First responder", assignment.Reason, StringComparison.Ordinal);
        Assert.Contains("Boris Ivanov, Carmen López, Dmitri Sokolov, Hugo Martín", assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_nobody_eligible_a_new_client_is_still_recorded_and_stays_unassigned()
    {
        await using (var db = store.CreateDbContext())
        {
            await db.ChannelAccess.Where(a => a.ChannelId == SalesWhatsApp.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ReceivesNewClients, false));
        }

        var result = await store.ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34611222333", null, "Anyone?"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var received = result.Received!;
        Assert.True(received.IsNewClient);
        Assert.Null(received.ResponsibleUserId);
        Assert.Empty(received.OfferedTo);

        await using var check = store.CreateDbContext();
        var contact = await check.Contacts.Include(c => c.Deals).SingleAsync(c => c.Id == received.ContactId);
        Assert.Null(contact.ResponsibleUserId);
        Assert.Equal("34611222333", contact.Name);
        Assert.Null(Assert.Single(contact.Deals).ResponsibleUserId);
        var conversation = await check.Conversations.Include(c => c.Messages).Include(c => c.Offers).SingleAsync(c => c.Id == received.ConversationId);
        Assert.Equal("Anyone?", Assert.Single(conversation.Messages).Text);
        Assert.Empty(conversation.Offers);
        var assignment = await check.Assignments.SingleAsync(a => a.ConversationId == received.ConversationId);
        Assert.Null(assignment.UserId);
        Assert.Contains("Nobody was eligible", assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rep_who_stops_receiving_new_clients_is_skipped_from_the_next_client_on()
    {
        var first = await store.ReceiveAsync(new IncomingMessage(SalesTelegram.Id, "1000000001", null, "Hi"));
        await using (var db = store.CreateDbContext())
        {
            await db.ChannelAccess.Where(a => a.ChannelId == SalesTelegram.Id && a.CrmUserId == "u-carmen")
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ReceivesNewClients, false));
        }

        var second = await store.ReceiveAsync(new IncomingMessage(SalesTelegram.Id, "1000000002", null, "Hi"));
        var third = await store.ReceiveAsync(new IncomingMessage(SalesTelegram.Id, "1000000003", null, "Hi"));

        Assert.Equal(["u-boris", "u-dmitri", "u-boris"], new[] { first, second, third }.Select(r => r.Received!.ResponsibleUserId));
    }

    [Fact]
    public async Task The_turn_survives_a_restart()
    {
        var first = await store.ReceiveAsync(new IncomingMessage(SalesTelegram.Id, "1000000001", null, "Hi"));
        var second = await store.ReceiveAsync(new IncomingMessage(SalesTelegram.Id, "1000000002", null, "Hi"));

        await store.RestartAsync();
        var third = await store.ReceiveAsync(new IncomingMessage(SalesTelegram.Id, "1000000003", null, "Hi"));
        var fourth = await store.ReceiveAsync(new IncomingMessage(SalesTelegram.Id, "1000000004", null, "Hi"));

        Assert.Equal(["u-boris", "u-carmen", "u-dmitri", "u-boris"],
            new[] { first, second, third, fourth }.Select(r => r.Received!.ResponsibleUserId));
    }

    private async Task<(int Contacts, int Deals, int Assignments)> CountsAsync()
    {
        await using var db = store.CreateDbContext();
        return (await db.Contacts.CountAsync(), await db.Deals.CountAsync(), await db.Assignments.CountAsync());
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class NewClientDistributionStoreTestsOnPostgres : NewClientDistributionStoreTests
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
