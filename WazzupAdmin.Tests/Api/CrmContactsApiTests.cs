using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>The CRM pushes its contacts: upserts by id with their chats, lists, soft deletion, reassignment.</summary>
public sealed class CrmContactsApiTests : IAsyncLifetime
{
    private readonly AppFactory app = new();
    private HttpClient client = default!;

    public async Task InitializeAsync() => client = await ApiClient.CreateAsync(app);

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    private static object Contact(string id, string name, string responsible = "u-carmen", string chatType = "whatsapp", string chatId = "34611222333", string? uri = null) =>
        new { id, responsibleUserId = responsible, name, contactData = new[] { new { chatType, chatId } }, uri };

    [Fact]
    public async Task An_upsert_creates_then_updates_and_sending_it_twice_leaves_the_same_state()
    {
        await client.PostOkAsync("/v3/contacts", new[] { Contact("c-new", "Nora New", chatId: "+34 611 222 333", uri: "https://crm.example/c-new") });
        var created = await client.GetJsonAsync("/v3/contacts/c-new");
        Assert.Equal("Nora New", created.Str("name"));
        Assert.Equal("u-carmen", created.Str("responsibleUserId"));
        Assert.Equal("https://crm.example/c-new", created.Str("uri"));
        var chat = Assert.Single(created.GetProperty("contactData").EnumerateArray());
        Assert.Equal("whatsapp", chat.Str("chatType"));
        Assert.Equal("34611222333", chat.Str("chatId"));

        var update = new[]
        {
            new
            {
                id = "c-new", responsibleUserId = "u-hugo", name = "Nora Renamed",
                contactData = new[] { new { chatType = "telegram", chatId = "nora_renamed" } },
            },
        };
        await client.PostOkAsync("/v3/contacts", update);
        await client.PostOkAsync("/v3/contacts", update);

        var updated = await client.GetJsonAsync("/v3/contacts/c-new");
        Assert.Equal("Nora Renamed", updated.Str("name"));
        Assert.Equal("u-hugo", updated.Str("responsibleUserId"));
        Assert.Null(updated.Str("uri"));
        chat = Assert.Single(updated.GetProperty("contactData").EnumerateArray());
        Assert.Equal("telegram", chat.Str("chatType"));
        Assert.Equal(1, await app.InStoreAsync(db => db.ContactChats.CountAsync(c => c.ContactId == "c-new")));
        // The released WhatsApp number is free for another contact.
        await client.PostOkAsync("/v3/contacts", new[] { Contact("c-other", "Other") });
    }

    [Fact]
    public async Task The_list_is_sorted_by_name_in_pages_of_100_and_leaves_deleted_contacts_out()
    {
        for (var batch = 0; batch < 2; batch++)
        {
            await client.PostOkAsync("/v3/contacts", Enumerable.Range(batch * 60, 60)
                .Select(i => Contact($"bulk-{i:D3}", $"Bulk contact {i:D3}", chatType: "telegram", chatId: $"bulk_contact_{i:D3}")).ToArray());
        }

        using (var deletion = await client.DeleteAsync("/v3/contacts/c-1002"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deletion.StatusCode);
        }

        var (items, sizes) = await client.GetAllPagesAsync("/v3/contacts");

        Assert.Equal([100, 31], sizes);
        var names = items.Select(c => c.Str("name")!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.DoesNotContain(items, c => c.Str("id") == "c-1002");
    }

    [Fact]
    public async Task A_write_of_101_contacts_is_refused_and_stores_none()
    {
        using var response = await client.PostJsonAsync("/v3/contacts",
            Enumerable.Range(0, 101).Select(i => Contact($"many-{i}", $"Many {i}", chatType: "telegram", chatId: $"many_contact_{i}")).ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("TOO_MANY_ENTITIES", await response.ErrorCodeAsync());
        Assert.Equal(0, await app.InStoreAsync(db => db.Contacts.CountAsync(c => c.Id.StartsWith("many-"))));
    }

    [Fact]
    public async Task One_invalid_contact_among_many_is_named_by_index_and_fields_and_nothing_is_stored()
    {
        using var response = await client.PostJsonAsync("/v3/contacts", new[]
        {
            Contact("ok-1", "Fine One", chatType: "telegram", chatId: "fine_one"),
            Contact("bad-2", "Wrong Number", chatId: "not-a-phone"),
            Contact("ok-3", "Fine Three", chatType: "telegram", chatId: "fine_three"),
            Contact("bad-4", "Unknown Messenger", chatType: "fax", chatId: "123"),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_CONTACTS_DATA", await response.ErrorCodeAsync());
        var errors = await response.ErrorDataAsync();
        Assert.Equal([1, 3], errors.Select(e => e.GetProperty("index").GetInt32()));
        Assert.Equal("bad-2", errors[0].Str("id"));
        Assert.False(string.IsNullOrEmpty(errors[0].GetProperty("descriptions").Str("contactData[0].chatId")));
        Assert.False(string.IsNullOrEmpty(errors[1].GetProperty("descriptions").Str("contactData[0].chatType")));
        Assert.Equal(0, await app.InStoreAsync(db => db.Contacts.CountAsync(c => c.Id.StartsWith("ok-") || c.Id.StartsWith("bad-"))));
    }

    [Fact]
    public async Task An_unknown_responsible_user_is_named_and_nothing_is_stored()
    {
        using var response = await client.PostJsonAsync("/v3/contacts", new[]
        {
            Contact("ok-1", "Fine One", chatType: "telegram", chatId: "fine_one"),
            Contact("lost-2", "Lost Owner", responsible: "u-ghost", chatType: "telegram", chatId: "lost_owner"),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("RESPONSIBLE_USER_NOT_FOUND", await response.ErrorCodeAsync());
        Assert.Contains("u-ghost", await response.DescriptionAsync(), StringComparison.Ordinal);
        var missing = Assert.Single(await response.ErrorDataAsync());
        Assert.Equal(1, missing.GetProperty("index").GetInt32());
        Assert.Equal("lost-2", missing.Str("id"));
        Assert.Equal("u-ghost", missing.Str("responsibleUserId"));
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfGetAsync("/v3/contacts/ok-1"));
    }

    [Fact]
    public async Task A_chat_that_belongs_to_another_contact_is_a_validation_error_naming_that_contact()
    {
        // Lucía Fernández (c-1001) has WhatsApp 34600111222.
        using var response = await client.PostJsonAsync("/v3/contacts", new[] { Contact("c-copy", "Copy", chatId: "34600111222") });

        Assert.Equal("INVALID_CONTACTS_DATA", await response.ErrorCodeAsync());
        var error = Assert.Single(await response.ErrorDataAsync());
        Assert.Contains("c-1001", error.GetProperty("descriptions").Str("contactData[0].chatId"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfGetAsync("/v3/contacts/c-copy"));
    }

    [Fact]
    public async Task Deleting_a_contact_keeps_its_conversation_frees_its_chat_drops_its_deals_and_sending_it_again_restores_it()
    {
        using (var response = await client.DeleteAsync("/v3/contacts/c-1001"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfGetAsync("/v3/contacts/c-1001"));
        Assert.True(await app.InStoreAsync(db => db.Conversations.AnyAsync(c => c.ContactId == "c-1001" && c.Messages.Count > 0)));
        var deal = await client.GetJsonAsync("/v3/deals/d-2015");
        Assert.Equal(["c-1002"], deal.GetProperty("contacts").EnumerateArray().Select(c => c.GetString()));
        await client.PostOkAsync("/v3/contacts", new[] { Contact("c-taker", "Taker", chatId: "34600111222") });

        await client.PostOkAsync("/v3/contacts", new[] { Contact("c-1001", "Lucía Fernández", "u-boris", "telegram", "lucia_fernandez") });

        var restored = await client.GetJsonAsync("/v3/contacts/c-1001");
        Assert.Equal("Lucía Fernández", restored.Str("name"));
        Assert.Equal(1, await app.InStoreAsync(db => db.Conversations.CountAsync(c => c.ContactId == "c-1001")));
    }

    [Fact]
    public async Task Bulk_delete_removes_the_known_ids_and_lists_the_unknown()
    {
        using var response = await client.PatchJsonAsync("/v3/contacts/bulk_delete", new[] { "c-1003", "c-1004", "c-none" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(["c-none"], body.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfGetAsync("/v3/contacts/c-1003"));
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfGetAsync("/v3/contacts/c-1004"));
        Assert.Equal(HttpStatusCode.OK, await client.StatusOfGetAsync("/v3/contacts/c-1005"));
    }

    [Fact]
    public async Task A_new_responsible_user_moves_the_client_from_one_reps_chat_list_to_the_others()
    {
        var body = new[] { Contact("c-1001", "Lucía Fernández", "u-carmen", chatId: "34600111222") };

        await client.PostOkAsync("/v3/contacts", body);

        Assert.DoesNotContain(await ChatListOfAsync("boris@wazzup.demo"), c => c.ContactId == "c-1001");
        Assert.Contains(await ChatListOfAsync("carmen@wazzup.demo"), c => c.ContactId == "c-1001");
        Assert.True(await app.InStoreAsync(db => db.Assignments.AnyAsync(a => a.UserId == "u-carmen" && a.Reason.Contains("CRM (Test CRM)"))));
    }

    [Fact]
    public async Task The_CRMs_choice_of_responsible_ends_a_first_responder_offer()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var received = await scope.ServiceProvider.GetRequiredService<IncomingMessageService>()
                .ReceiveAsync(new IncomingMessage(DemoWorkspace.Channels[0].Id, "34699887766", "Newcomer", "Hello, anyone there?"));
            Assert.Empty(received.Errors);
        }

        var contactId = await app.InStoreAsync(db => db.ContactChats.Where(c => c.ChatId == "34699887766").Select(c => c.ContactId).SingleAsync());
        Assert.Contains(await ChatListOfAsync("boris@wazzup.demo"), c => c.ContactId == contactId);

        await client.PostOkAsync("/v3/contacts", new[] { Contact(contactId, "Newcomer", "u-dmitri", chatId: "34699887766") });

        Assert.DoesNotContain(await ChatListOfAsync("boris@wazzup.demo"), c => c.ContactId == contactId);
        Assert.Contains(await ChatListOfAsync("dmitri@wazzup.demo"), c => c.ContactId == contactId);
        Assert.Equal(0, await app.InStoreAsync(db => db.ConversationOffers.CountAsync(o => db.Conversations.Any(c => c.Id == o.ConversationId && c.ContactId == contactId))));
    }

    private async Task<IReadOnlyList<ConversationSummary>> ChatListOfAsync(string email)
    {
        await using var scope = await app.CreateScopeSignedInAsAsync(email);
        return await scope.ServiceProvider.GetRequiredService<ChatReadingService>().ListAsync();
    }
}
