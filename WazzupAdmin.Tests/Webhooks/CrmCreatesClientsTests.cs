using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Api;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Tests.Api;
using WazzupAdmin.Tests.Support;
using static WazzupAdmin.Tests.Webhooks.WebhookTestApp;
using WazzupAdmin.Data;

namespace WazzupAdmin.Tests.Webhooks;

/// <summary>
/// With contactsAndDealsCreation, the CRM creates new clients: a CRM stub on a loopback port answers createContact and
/// createDeal with its own ids, fails, times out or answers nonsense, and the console's state is checked after each.
/// </summary>
public class CrmCreatesClientsTests : IAsyncLifetime
{
    /// <summary>The store's engine; the class that runs these tests on PostgreSQL says so.</summary>
    protected virtual StoreProvider Provider => StoreProvider.Sqlite;

    private AppFactory app = default!;
    private WebhookReceiver crm = default!;
    private int created;

    public async Task InitializeAsync()
    {
        app = new AppFactory
        {
            Settings = new Dictionary<string, string?>(Create().Settings) { ["Webhooks:AttemptTimeout"] = "00:00:00.500" },
            Provider = Provider,
        };
        crm = await WebhookReceiver.StartAsync();
        // The CRM creates what it is asked to, with ids of its own.
        crm.AnswerBodyFor = hook => hook.Kind switch
        {
            WebhookKinds.CreateContact => JsonSerializer.Serialize(new
            {
                id = $"crm-contact-{Interlocked.Increment(ref created)}",
                responsibleUserId = Body(hook).GetProperty("responsibleUserId").GetString(),
                name = Body(hook).GetProperty("name").GetString(),
                contactData = Body(hook).GetProperty("contactData"),
                uri = "https://crm.example.com/contacts/1",
            }),
            WebhookKinds.CreateDeal => JsonSerializer.Serialize(new { id = $"crm-deal-{Interlocked.Increment(ref created)}", name = "Deal from the CRM" }),
            _ => """{"ok":true}""",
        };
        await SubscribeAsync(app, crm, Everything);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await crm.DisposeAsync();
    }

    [Fact]
    public async Task In_turn_the_crm_is_asked_at_once_and_its_contact_and_deal_become_the_ones_the_console_knows()
    {
        var nina = await ClientWritesAsync(app, SalesTelegram, "nina_berg", "Nina Berg", "Is the sofa in stock?");

        var (contactId, dealId) = await AdoptedAsync(nina.ConversationId);

        var requests = crm.Accepted.Where(e => e.Kind is WebhookKinds.CreateContact or WebhookKinds.CreateDeal).ToList();
        Assert.Equal([WebhookKinds.CreateContact, WebhookKinds.CreateDeal], requests.Select(r => r.Kind));
        var contactRequest = Body(requests[0]);
        Assert.Equal(["contactData", "name", "responsibleUserId", "source"], contactRequest.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(("u-boris", "Nina Berg", "auto"),
            (contactRequest.GetProperty("responsibleUserId").GetString(), contactRequest.GetProperty("name").GetString(), contactRequest.GetProperty("source").GetString()));
        Assert.Equal("nina_berg", contactRequest.GetProperty("contactData")[0].GetProperty("chatId").GetString());
        var dealRequest = Body(requests[1]);
        Assert.Equal([contactId], dealRequest.GetProperty("contacts").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(("u-boris", "auto", "f-sales", "s-qualified"),
            (dealRequest.GetProperty("responsibleUserId").GetString(), dealRequest.GetProperty("source").GetString(),
             dealRequest.GetProperty("pipelineId").GetString(), dealRequest.GetProperty("stageId").GetString()));

        await using var db = await DbAsync();
        var contact = await db.Contacts.Include(c => c.Chats).Include(c => c.Deals).SingleAsync(c => c.Id == contactId);
        Assert.False(contact.Provisional);
        Assert.Equal("https://crm.example.com/contacts/1", contact.Uri);
        Assert.Equal("nina_berg", contact.Chats.Single().ChatId);
        Assert.Equal([dealId], contact.Deals.Select(d => d.Id));
        Assert.Equal("Deal from the CRM", contact.Deals.Single().Name);
        Assert.False(await db.Contacts.AnyAsync(c => c.Name == "Nina Berg" && c.Id != contactId));
        // Boris, whose turn it was, still has the conversation.
        Assert.NotNull(await OpenAsAsync("boris@wazzup.demo", nina.ConversationId));
    }

    [Fact]
    public async Task In_first_responder_the_crm_is_asked_once_a_rep_has_replied_with_that_rep_responsible()
    {
        var pablo = await ClientWritesAsync(app, SalesWhatsApp, "34611000111", "Pablo Ruiz", "Do you deliver?");
        await AllDeliveredAsync(app, (await OutboxAsync(app)).Count);
        Assert.DoesNotContain(await OutboxAsync(app), e => e.Kind == WebhookKinds.CreateContact);
        Assert.True(await app.InStoreAsync(db => db.Contacts.AnyAsync(c => c.Name == "Pablo Ruiz" && c.Provisional)));

        await using (var carmen = await app.CreateScopeSignedInAsAsync("carmen@wazzup.demo"))
        {
            Assert.Equal(SendStatus.Sent, (await carmen.ServiceProvider.GetRequiredService<ChatReplyService>().SendAsync(pablo.ConversationId, "Yes, we do.")).Status);
        }

        var (contactId, _) = await AdoptedAsync(pablo.ConversationId);
        var request = Body(crm.Accepted.Single(e => e.Kind == WebhookKinds.CreateContact));
        Assert.Equal("u-carmen", request.GetProperty("responsibleUserId").GetString());
        Assert.Equal("u-carmen", await app.InStoreAsync(db => db.Contacts.Where(c => c.Id == contactId).Select(c => c.ResponsibleUserId).SingleAsync()));
        Assert.NotNull(await OpenAsAsync("carmen@wazzup.demo", pablo.ConversationId));
    }

    [Fact]
    public async Task An_offered_client_given_to_a_rep_before_anyone_replied_is_created_with_that_rep_responsible()
    {
        var pablo = await ClientWritesAsync(app, SalesWhatsApp, "34611000111", "Pablo Ruiz", "Do you deliver?");
        await using (var admin = await app.CreateScopeSignedInAsAsync(Data.Demo.DemoWorkspace.AdminEmail))
        {
            Assert.True((await admin.ServiceProvider.GetRequiredService<AssignmentService>().AssignAsync(pablo.ConversationId, "u-dmitri")).Succeeded);
        }

        var (contactId, _) = await AdoptedAsync(pablo.ConversationId);

        Assert.Equal("u-dmitri", Body(crm.Accepted.Single(e => e.Kind == WebhookKinds.CreateContact)).GetProperty("responsibleUserId").GetString());
        Assert.Equal("u-dmitri", await app.InStoreAsync(db => db.Contacts.Where(c => c.Id == contactId).Select(c => c.ResponsibleUserId).SingleAsync()));
    }

    [Fact]
    public async Task A_crm_that_fails_leaves_the_client_recorded_and_visible_says_why_and_is_asked_again_until_it_answers()
    {
        var failing = true;
        crm.Answer = hook => failing && hook.Kind == WebhookKinds.CreateContact ? 500 : 200;

        var nina = await ClientWritesAsync(app, SalesTelegram, "nina_berg", "Nina Berg", "Is the sofa in stock?");
        await WebhookReceiver.EventuallyAsync(async () => await RequestAsync(WebhookKinds.CreateContact) is { Attempts: >= 2 }, "two failed tries");

        var waiting = (await RequestAsync(WebhookKinds.CreateContact))!;
        Assert.Equal((OutboxStatus.Pending, 500), (waiting.Status, waiting.LastStatusCode));
        Assert.True(await app.InStoreAsync(db => db.Contacts.AnyAsync(c => c.Name == "Nina Berg" && c.Provisional)));
        Assert.NotNull(await OpenAsAsync("boris@wazzup.demo", nina.ConversationId));

        failing = false;
        var (contactId, _) = await AdoptedAsync(nina.ConversationId);
        Assert.Single(await app.InStoreAsync(db => db.Contacts.Where(c => c.Name == "Nina Berg" && c.DeletedAtUtc == null).Select(c => c.Id).ToListAsync()), contactId);
    }

    [Fact]
    public async Task A_crm_that_answers_nonsense_is_asked_again_and_the_administrator_sees_why()
    {
        var nonsense = true;
        var creates = crm.AnswerBodyFor!;
        crm.AnswerBodyFor = hook => nonsense && hook.Kind == WebhookKinds.CreateContact ? "<html>Thanks!</html>" : creates(hook);

        var nina = await ClientWritesAsync(app, SalesTelegram, "nina_berg", "Nina Berg", "Is the sofa in stock?");
        await WebhookReceiver.EventuallyAsync(async () => await RequestAsync(WebhookKinds.CreateContact) is { Attempts: >= 1, LastError: not null }, "a refused answer");

        var waiting = (await RequestAsync(WebhookKinds.CreateContact))!;
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Contains("not JSON", waiting.LastError, StringComparison.Ordinal);

        nonsense = false;
        await AdoptedAsync(nina.ConversationId);
    }

    [Fact]
    public async Task A_crm_that_does_not_answer_in_time_is_asked_again()
    {
        crm.Hold();
        var nina = await ClientWritesAsync(app, SalesTelegram, "nina_berg", "Nina Berg", "Is the sofa in stock?");
        await WebhookReceiver.EventuallyAsync(async () => await RequestAsync(WebhookKinds.CreateContact) is { LastError: { } error } && error.StartsWith("No answer", StringComparison.Ordinal),
            "a timed-out try");
        Assert.True(await app.InStoreAsync(db => db.Contacts.AnyAsync(c => c.Name == "Nina Berg" && c.Provisional)));

        crm.Release();
        await AdoptedAsync(nina.ConversationId);
    }

    [Fact]
    public async Task A_crm_that_upserts_its_own_contact_for_the_chat_adopts_the_client_instead_of_a_second_contact()
    {
        crm.Answer = hook => hook.Kind == WebhookKinds.CreateContact ? 503 : 200;
        var nina = await ClientWritesAsync(app, SalesTelegram, "nina_berg", "Nina Berg", "Is the sofa in stock?");
        await crm.EventuallyAsync(r => r.Events.Any(e => e.Kind == WebhookKinds.CreateContact), "the createContact request");
        var chat = Body(crm.Events.First(e => e.Kind == WebhookKinds.CreateContact)).GetProperty("contactData")[0];

        using var api = await ApiClient.CreateAsync(app);
        using var response = await api.PostJsonAsync(ApiV3.Prefix + "/contacts", new[]
        {
            new { id = "crm-own-7", responsibleUserId = "u-carmen", name = "Nina Berg (CRM)", contactData = new[] { chat } },
        });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var (contactId, dealId) = await AdoptedAsync(nina.ConversationId);
        Assert.Equal("crm-own-7", contactId);
        Assert.StartsWith("crm-deal-", dealId, StringComparison.Ordinal);
        Assert.Equal([contactId], Body(crm.Accepted.Last(e => e.Kind == WebhookKinds.CreateDeal)).GetProperty("contacts").EnumerateArray().Select(c => c.GetString()));
        var request = (await RequestAsync(WebhookKinds.CreateContact))!;
        Assert.Equal(OutboxStatus.Delivered, request.Status);
        Assert.Contains("crm-own-7", request.LastError, StringComparison.Ordinal);
        Assert.Equal(["crm-own-7"], await app.InStoreAsync(db => db.Contacts.Where(c => c.Name.StartsWith("Nina Berg") && c.DeletedAtUtc == null).Select(c => c.Id).ToListAsync()));
        Assert.Equal("u-carmen", await app.InStoreAsync(db => db.Contacts.Where(c => c.Id == contactId).Select(c => c.ResponsibleUserId).SingleAsync()));
    }

    [Fact]
    public async Task Without_contacts_and_deals_creation_the_demo_crm_keeps_the_consoles_own_records()
    {
        await SubscribeAsync(app, crm, new WebhookSubscriptions(MessagesAndStatuses: true, ContactsAndDealsCreation: false, ChannelsUpdates: false));

        var nina = await ClientWritesAsync(app, SalesTelegram, "nina_berg", "Nina Berg", "Is the sofa in stock?");

        var contact = await app.InStoreAsync(db => db.Contacts.SingleAsync(c => c.Id == nina.ContactId));
        Assert.False(contact.Provisional);
        Assert.StartsWith("c-", contact.Id, StringComparison.Ordinal);
        Assert.DoesNotContain(await OutboxAsync(app), e => e.Kind == WebhookKinds.CreateContact);
    }

    /// <summary>Waits until the conversation's contact and deal are the CRM's, and returns their ids.</summary>
    private async Task<(string ContactId, string DealId)> AdoptedAsync(long conversationId)
    {
        (string, string)? ids = null;
        await WebhookReceiver.EventuallyAsync(async () =>
        {
            var row = await app.InStoreAsync(db => db.Conversations.Where(c => c.Id == conversationId)
                .Select(c => new { c.ContactId, c.NewClientDealId, ContactProvisional = c.Contact!.Provisional }).SingleAsync());
            var dealProvisional = await app.InStoreAsync(db => db.Deals.Where(d => d.Id == row.NewClientDealId).Select(d => d.Provisional).SingleOrDefaultAsync());
            ids = (row.ContactId, row.NewClientDealId!);
            return !row.ContactProvisional && !dealProvisional && row.NewClientDealId is not null && !row.NewClientDealId.StartsWith("d-", StringComparison.Ordinal);
        }, "the CRM's contact and deal");
        return ids!.Value;
    }

    private Task<OutboxEvent?> RequestAsync(string kind) =>
        app.InStoreAsync(db => db.OutboxEvents.AsNoTracking().Where(e => e.Kind == kind).OrderBy(e => e.Id).FirstOrDefaultAsync());

    private Task<Data.AppDbContext> DbAsync() =>
        app.Services.GetRequiredService<IDbContextFactory<Data.AppDbContext>>().CreateDbContextAsync();

    private async Task<ConversationView?> OpenAsAsync(string email, long conversationId)
    {
        await using var scope = await app.CreateScopeSignedInAsAsync(email);
        return await scope.ServiceProvider.GetRequiredService<ChatReadingService>().OpenAsync(conversationId);
    }

    private static JsonElement Body(ReceivedHook hook) => hook.Json.GetProperty(hook.Kind!);
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class CrmCreatesClientsTestsOnPostgres : CrmCreatesClientsTests
{
    protected override StoreProvider Provider => StoreProvider.Postgres;
}
