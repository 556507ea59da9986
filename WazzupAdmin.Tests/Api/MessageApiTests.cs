using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WazzupAdmin.Api;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Messages;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Tests.Chat;
using WazzupAdmin.Tests.Support;
using WazzupAdmin.Tests.Webhooks;

namespace WazzupAdmin.Tests.Api;

/// <summary>
/// POST, PATCH and DELETE /message as the real product's "sending messages" page documents them: its request example
/// answers 201 {messageId, chatId}, each documented refusal has its code, and what was sent shows in the chat window.
/// </summary>
public sealed class MessageApiTests : IAsyncLifetime
{
    // Lucía Fernández writes on Sales WhatsApp and belongs to Boris; Olga Smirnova on Sales Telegram; Pedro Alves on Store Instagram.
    private static readonly Guid SalesWhatsApp = DemoWorkspace.Channels[0].Id;
    private static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;
    private static readonly Guid StoreInstagram = DemoWorkspace.Channels[2].Id;
    private const string Lucia = "34600111222";

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly AppFactory app;
    private HttpClient api = default!;

    public MessageApiTests() => app = new AppFactory { TestServices = services => services.AddSingleton<TimeProvider>(clock) };

    private static string Message => ApiV3.Prefix + "/message";

    public async Task InitializeAsync() => api = await ApiClient.CreateAsync(app);

    public async Task DisposeAsync()
    {
        api.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task The_documented_request_example_answers_201_with_the_message_id_and_the_chat_id()
    {
        var quoted = await LastMessageIdAsync("c-1001");

        using var response = await SendAsync(new
        {
            channelId = SalesWhatsApp,
            refMessageId = quoted,
            crmUserId = "u-boris",
            crmMessageId = "string-crm-message-id",
            chatId = Lucia,
            chatType = "whatsapp",
            text = "message text",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(["chatId", "messageId"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.True(Guid.TryParse(body.GetProperty("messageId").GetString(), out var messageId));
        Assert.Equal(Lucia, body.GetProperty("chatId").GetString());
        var stored = await app.InStoreAsync(db => db.Messages.SingleAsync(m => m.PublicId == messageId));
        Assert.Equal(("u-boris", "message text", MessageStatus.Sent, quoted), (stored.AuthorUserId, stored.Text, stored.Status, stored.QuotedMessageId));
    }

    [Fact]
    public async Task A_message_appears_in_the_chat_window_as_written_by_the_crm_user_or_by_the_integration()
    {
        await SendCreatedAsync(new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, crmUserId = "u-boris", text = "From Boris in the CRM" });
        await SendCreatedAsync(new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, text = "Your order has shipped." });
        // A crmUserId the console does not know is the integration, as the real product keeps only users it knows.
        await SendCreatedAsync(new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, crmUserId = "nobody-here", text = "Automated" });

        var view = await OpenAsBorisAsync("c-1001");

        var last = view.Messages.TakeLast(3).ToList();
        Assert.Equal(("Boris Ivanov", false), (last[0].AuthorName, last[0].ByIntegration));
        Assert.True(last[1].ByIntegration);
        Assert.True(last[2].ByIntegration);
        Assert.All(last, m => Assert.Equal(MessageStatus.Sent, m.Status));
        Assert.Equal("Automated", view.Summary.LastMessagePreview);
        Assert.False(view.Summary.Unanswered);
    }

    [Fact]
    public async Task A_repeated_crm_message_id_is_refused_and_nothing_is_sent_twice()
    {
        var message = new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, crmMessageId = "crm-42", text = "Once only" };
        await SendCreatedAsync(message);

        using var again = await SendAsync(message);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var error = await again.JsonAsync();
        Assert.Equal("REPEATED_CRM_MESSAGE_ID", error.GetProperty("error").GetString());
        Assert.Equal("crm-42", error.GetProperty("data").GetProperty("crmMessageId").GetString());
        Assert.Equal(1, await app.InStoreAsync(db => db.Messages.CountAsync(m => m.Text == "Once only")));
    }

    [Theory]
    [InlineData("unknown channel", "CHANNEL_NOT_FOUND")]
    [InlineData("unknown chat", "CHAT_NO_ACCESS")]
    [InlineData("chat type of another transport", "WRONG_TRANSPORT")]
    [InlineData("text and content", "MESSAGE_ONLY_TEXT_OR_CONTENT")]
    [InlineData("nothing to send", "MESSAGE_NOTHING_TO_SEND")]
    [InlineData("blank text", "MESSAGES_TEXT_CAN_NOT_BE_BLANK")]
    [InlineData("quote of an unknown message", "REFERENCE_MESSAGE_NOT_FOUND")]
    [InlineData("too long for Instagram", "MESSAGES_TOO_LONG_INSTAGRAM")]
    public async Task A_refused_message_gets_the_documented_code_and_nothing_is_stored(string what, string code)
    {
        object body = what switch
        {
            "unknown channel" => new { channelId = Guid.NewGuid(), chatType = "whatsapp", chatId = Lucia, text = "Hi" },
            "unknown chat" => new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = "79990001122", text = "Hi" },
            "chat type of another transport" => new { channelId = SalesWhatsApp, chatType = "telegram", chatId = Lucia, text = "Hi" },
            "text and content" => new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, text = "Hi", contentUri = "https://example.com/a.png" },
            "nothing to send" => new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia },
            "blank text" => new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, text = "   " },
            "quote of an unknown message" => new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, text = "Hi", refMessageId = Guid.NewGuid() },
            _ => new { channelId = StoreInstagram, chatType = "instagram", chatId = "pedro.alves", text = new string('x', 1001) },
        };
        var before = await app.InStoreAsync(db => db.Messages.CountAsync());

        using var response = await SendAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.JsonAsync();
        Assert.Equal(code, error.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("description").GetString()));
        Assert.Equal(before, await app.InStoreAsync(db => db.Messages.CountAsync()));
    }

    [Fact]
    public async Task A_malformed_request_names_its_fields_in_invalid_message_data()
    {
        using var response = await SendAsync(new { channelId = "not-a-uuid", chatId = new[] { 1 }, text = "Hi" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.JsonAsync();
        Assert.Equal("INVALID_MESSAGE_DATA", error.GetProperty("error").GetString());
        Assert.Equal(["channelId", "chatId", "chatType"],
            error.GetProperty("data").GetProperty("fields").EnumerateArray().Select(f => f.GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_turned_off_channel_refuses_with_channel_blocked()
    {
        await WebhookTestApp.SetChannelDisabledAsync(app, SalesWhatsApp, disabled: true);

        using var response = await SendAsync(new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, text = "Hi" });

        Assert.Equal("CHANNEL_BLOCKED", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task A_telegram_client_can_be_written_to_by_username()
    {
        using var response = await SendAsync(new { channelId = SalesTelegram, chatType = "telegram", username = "@olga_smirnova", text = "Hello Olga" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("olga_smirnova", (await response.JsonAsync()).GetProperty("chatId").GetString());
    }

    [Fact]
    public async Task A_content_link_is_sent_instead_of_text_and_shown_as_a_link()
    {
        await SendCreatedAsync(new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, contentUri = "https://example.com/catalogue.pdf" });

        var last = (await OpenAsBorisAsync("c-1001")).Messages[^1];

        Assert.Equal("https://example.com/catalogue.pdf", last.ContentUri);
    }

    [Fact]
    public async Task The_documented_edit_example_changes_the_text_and_the_chat_window_marks_it_edited()
    {
        var messageId = await SendCreatedAsync(new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, crmUserId = "u-boris", text = "Deliverey on Saturday" });

        using var response = await api.PatchAsync($"{Message}/{messageId}", Json(new { text = "Updated message text", crmUserId = "u-boris" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(messageId, (await response.JsonAsync()).GetProperty("messageId").GetString());
        var last = (await OpenAsBorisAsync("c-1001")).Messages[^1];
        Assert.Equal(("Updated message text", true), (last.Text, last.Edited));
    }

    [Fact]
    public async Task The_documented_attachment_edit_example_replaces_the_content_link()
    {
        var messageId = await SendCreatedAsync(new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, contentUri = "https://example.com/old.png" });

        using var response = await api.PatchAsync($"{Message}/{messageId}",
            Json(new { contentUri = "https://example.com/image.png", crmUserId = "2e0df379-0e3c-470f-9b36-06b9e34c3bdb" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var last = (await OpenAsBorisAsync("c-1001")).Messages[^1];
        Assert.Equal(("https://example.com/image.png", true), (last.ContentUri, last.Edited));
    }

    [Fact]
    public async Task An_edit_past_the_messengers_window_or_where_it_cannot_edit_is_refused()
    {
        var whatsapp = await SendCreatedAsync(new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, text = "Hi" });
        var instagram = await SendCreatedAsync(new { channelId = StoreInstagram, chatType = "instagram", chatId = "pedro.alves", text = "Hi" });
        clock.Advance(TimeSpan.FromMinutes(16));

        using var late = await api.PatchAsync($"{Message}/{whatsapp}", Json(new { text = "Too late" }));
        using var unsupported = await api.PatchAsync($"{Message}/{instagram}", Json(new { text = "Never" }));
        using var unknown = await api.PatchAsync($"{Message}/{Guid.NewGuid()}", Json(new { text = "Nobody" }));

        Assert.Equal("MESSAGES_EDITING_TIME_EXPIRED", await late.ErrorCodeAsync());
        Assert.Equal("CHANNEL_INVALID_TRANSPORT_FOR_EDITING", await unsupported.ErrorCodeAsync());
        Assert.Equal((HttpStatusCode.NotFound, "MESSAGES_NOT_FOUND"), (unknown.StatusCode, await unknown.ErrorCodeAsync()));
        Assert.Equal("Hi", await app.InStoreAsync(db => db.Messages.Where(m => m.PublicId == Guid.Parse(whatsapp)).Select(m => m.Text).SingleAsync()));
    }

    [Fact]
    public async Task A_deletion_past_the_messengers_window_or_where_it_cannot_delete_is_refused()
    {
        var whatsapp = await SendCreatedAsync(new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, text = "Kept" });
        var instagram = await SendCreatedAsync(new { channelId = StoreInstagram, chatType = "instagram", chatId = "pedro.alves", text = "Kept too" });
        clock.Advance(TimeSpan.FromHours(48) + TimeSpan.FromMinutes(1));

        using var late = await api.DeleteAsync($"{Message}/{whatsapp}");
        using var unsupported = await api.DeleteAsync($"{Message}/{instagram}");

        Assert.Equal((HttpStatusCode.BadRequest, "MESSAGES_DELETION_TIME_EXPIRED"), (late.StatusCode, await late.ErrorCodeAsync()));
        Assert.Contains("48 hours", (await late.JsonAsync()).GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "CHANNEL_INVALID_TRANSPORT_FOR_DELETION"), (unsupported.StatusCode, await unsupported.ErrorCodeAsync()));
        var kept = new[] { Guid.Parse(whatsapp), Guid.Parse(instagram) };
        Assert.False(await app.InStoreAsync(db => db.Messages.AnyAsync(m => kept.Contains(m.PublicId) && m.DeletedAtUtc != null)));
    }

    [Fact]
    public async Task The_documented_delete_example_deletes_the_message_for_the_chat_window_too()
    {
        var messageId = await SendCreatedAsync(new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, text = "Oops, wrong client" });

        using var response = await api.DeleteAsync($"{Message}/{messageId}");
        using var again = await api.DeleteAsync($"{Message}/{messageId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var last = (await OpenAsBorisAsync("c-1001")).Messages[^1];
        Assert.True(last.Deleted);
        Assert.Equal("", last.Text);
        Assert.Equal((HttpStatusCode.NotFound, "MESSAGES_NOT_FOUND"), (again.StatusCode, await again.ErrorCodeAsync()));
    }

    [Fact]
    public async Task A_client_message_cannot_be_edited_or_deleted()
    {
        var clients = await LastMessageIdAsync("c-1001", incoming: true);

        using var edit = await api.PatchAsync($"{Message}/{clients}", Json(new { text = "Changed" }));
        using var delete = await api.DeleteAsync($"{Message}/{clients}");

        Assert.Equal("CHAT_NO_ACCESS", await edit.ErrorCodeAsync());
        Assert.Equal("CHAT_NO_ACCESS", await delete.ErrorCodeAsync());
    }

    private Task<HttpResponseMessage> SendAsync(object body) => api.PostAsync(Message, Json(body));

    private async Task<string> SendCreatedAsync(object body)
    {
        using var response = await SendAsync(body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("messageId").GetString()!;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private Task<Guid> LastMessageIdAsync(string contactId, bool incoming = false) =>
        app.InStoreAsync(db => db.Messages
            .Where(m => m.Incoming == incoming && db.Conversations.Any(c => c.Id == m.ConversationId && c.ContactId == contactId))
            .OrderByDescending(m => m.Id).Select(m => m.PublicId).FirstAsync());

    private async Task<ConversationView> OpenAsBorisAsync(string contactId)
    {
        var conversationId = await app.InStoreAsync(db => db.Conversations.Where(c => c.ContactId == contactId).Select(c => c.Id).FirstAsync());
        await using var scope = await app.CreateScopeSignedInAsAsync(ChatWorkspace.EmailOf("u-boris"));
        return await scope.ServiceProvider.GetRequiredService<ChatReadingService>().OpenAsync(conversationId)
            ?? throw new InvalidOperationException("Boris cannot open the conversation.");
    }
}
