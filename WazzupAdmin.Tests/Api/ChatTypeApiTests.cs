using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Services.Settings;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>
/// Chats carry the documented chat types, channels their transports: each transport's clients land in chats of the
/// chat type the API names, contacts take every documented chat type and refuse transports, and a Telegram contact the
/// CRM gave by username or phone is the one that client writes to.
/// </summary>
public sealed class ChatTypeApiTests : IAsyncLifetime
{
    private static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;

    private readonly AppFactory app = new();
    private HttpClient api = default!;

    public async Task InitializeAsync() => api = await ApiClient.CreateAsync(app);

    public async Task DisposeAsync()
    {
        api.Dispose();
        await app.DisposeAsync();
    }

    [Theory]
    [InlineData(Transport.WhatsApp, "+34699000111", "whatsapp", "+34 611 000 222", "34611000222")]
    [InlineData(Transport.Waba, "+34699000112", "whatsapp", "34611000223", "34611000223")]
    [InlineData(Transport.Telegram, "wazzup_second", "telegram", "nadia_k", "nadia_k")]
    [InlineData(Transport.TelegramBot, "wazzup_help_bot", "telegram", "123456789", "123456789")]
    [InlineData(Transport.Instagram, "wazzup.second", "instagram", "@Some.Client", "some.client")]
    public async Task Every_transports_clients_write_in_the_chat_type_it_takes(
        Transport transport, string plainId, string chatType, string chatId, string storedChatId)
    {
        var channelId = await AddChannelAsync(transport, plainId);

        using var sent = await api.PostJsonAsync("/v3/simulator/messages", new { channelId, chatType, chatId, name = "A client", text = "Hello" });

        Assert.True(sent.StatusCode == HttpStatusCode.OK, await sent.Content.ReadAsStringAsync());
        var contactId = (await sent.JsonAsync()).Str("contactId");
        var contact = await api.GetJsonAsync($"/v3/contacts/{contactId}");
        var chat = Assert.Single(contact.GetProperty("contactData").EnumerateArray());
        Assert.Equal((chatType, storedChatId), (chat.Str("chatType"), chat.Str("chatId")));
        var channel = (await api.GetJsonAsync("/v3/channels")).EnumerateArray().Single(c => c.GetProperty("channelId").GetGuid() == channelId);
        Assert.Equal(transport.ApiName(), channel.Str("transport"));
    }

    [Theory]
    [InlineData("tgapi", "telegram")]
    [InlineData("wapi", "whatsapp")]
    public async Task A_transport_sent_as_a_chat_type_is_refused_naming_the_chat_type_meant(string transport, string meant)
    {
        using var response = await api.PostJsonAsync("/v3/contacts", new[] { Contact("c-x", new { chatType = transport, chatId = "79011112233" }) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_CONTACTS_DATA", await response.ErrorCodeAsync());
        var fields = Assert.Single(await response.ErrorDataAsync()).GetProperty("descriptions");
        Assert.Contains($"\"{meant}\"", fields.GetProperty("contactData[0].chatType").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_documented_chat_type_is_accepted_and_stored_even_without_such_a_channel()
    {
        await api.PostOkAsync("/v3/contacts", new[]
        {
            Contact("c-all", new { chatType = "whatsgroup", chatId = "79132123789-1581764243" }, new { chatType = "viber", chatId = "79011112233" },
                new { chatType = "vk", chatId = "id777" }, new { chatType = "avito", chatId = "u-9001" }, new { chatType = "telegroup", chatId = "-100123" }),
        });

        var stored = (await api.GetJsonAsync("/v3/contacts/c-all")).GetProperty("contactData").EnumerateArray().Select(c => c.Str("chatType"));
        Assert.Equal(["whatsgroup", "viber", "vk", "avito", "telegroup"], stored);
    }

    [Fact]
    public async Task A_telegram_contact_given_by_username_is_the_one_that_client_writes_to()
    {
        await api.PostOkAsync("/v3/contacts", new[] { Contact("c-tg-user", new { chatType = "telegram", username = "@nina_berg" }) });
        var pushed = Assert.Single((await api.GetJsonAsync("/v3/contacts/c-tg-user")).GetProperty("contactData").EnumerateArray());
        Assert.Equal(("telegram", null, "nina_berg"), (pushed.Str("chatType"), pushed.Str("chatId"), pushed.Str("username")));

        var first = await SimulateAsync(new { channelId = SalesTelegram, chatType = "telegram", chatId = "555000111", username = "nina_berg", text = "Hi" });

        Assert.Equal(("c-tg-user", false, "u-carmen"), (first.Str("contactId"), first.GetProperty("newClient").GetBoolean(), first.Str("responsibleUserId")));
        var learned = Assert.Single((await api.GetJsonAsync("/v3/contacts/c-tg-user")).GetProperty("contactData").EnumerateArray());
        Assert.Equal(("555000111", "nina_berg"), (learned.Str("chatId"), learned.Str("username")));
        // Known by its id from now on, with or without the username.
        var again = await SimulateAsync(new { channelId = SalesTelegram, chatType = "telegram", chatId = "555000111", text = "Me again" });
        Assert.Equal("c-tg-user", again.Str("contactId"));
        Assert.Equal(1, await ContactsWithChatAsync("555000111"));
    }

    [Fact]
    public async Task A_telegram_contact_given_by_username_is_found_by_a_client_known_by_that_username()
    {
        await api.PostOkAsync("/v3/contacts", new[] { Contact("c-tg-name", new { chatType = "telegram", username = "omar_said" }) });

        var written = await SimulateAsync(new { channelId = SalesTelegram, chatType = "telegram", chatId = "omar_said", text = "Hello" });

        Assert.Equal(("c-tg-name", false), (written.Str("contactId"), written.GetProperty("newClient").GetBoolean()));
    }

    [Fact]
    public async Task A_telegram_contact_given_by_phone_is_the_one_that_client_writes_to()
    {
        await api.PostOkAsync("/v3/contacts", new[] { Contact("c-tg-phone", new { chatType = "telegram", phone = "+7 (901) 111-22-33" }) });
        var pushed = Assert.Single((await api.GetJsonAsync("/v3/contacts/c-tg-phone")).GetProperty("contactData").EnumerateArray());
        Assert.Equal(("79011112233", null), (pushed.Str("phone"), pushed.Str("chatId")));

        var written = await SimulateAsync(new { channelId = SalesTelegram, chatType = "telegram", phone = "79011112233", text = "Hello" });

        Assert.Equal(("c-tg-phone", false, "u-carmen"), (written.Str("contactId"), written.GetProperty("newClient").GetBoolean(), written.Str("responsibleUserId")));
        var contacts = await app.InStoreAsync(db => db.ContactChats.CountAsync(c => c.Phone == "79011112233"));
        Assert.Equal(1, contacts);
    }

    [Fact]
    public async Task A_new_telegram_client_writing_by_phone_only_becomes_a_contact_with_that_phone()
    {
        var written = await SimulateAsync(new { channelId = SalesTelegram, chatType = "telegram", phone = "+34 622 333 444", name = "Phone Only", text = "Hello" });

        Assert.True(written.GetProperty("newClient").GetBoolean());
        var chat = Assert.Single((await api.GetJsonAsync($"/v3/contacts/{written.Str("contactId")}")).GetProperty("contactData").EnumerateArray());
        Assert.Equal(("telegram", "34622333444"), (chat.Str("chatType"), chat.Str("phone")));
        var again = await SimulateAsync(new { channelId = SalesTelegram, chatType = "telegram", phone = "34622333444", text = "Again" });
        Assert.Equal(written.Str("contactId"), again.Str("contactId"));
    }

    [Fact]
    public async Task A_telegram_chat_needs_one_of_chat_id_username_and_phone_and_those_are_telegram_only()
    {
        using var unnamed = await api.PostJsonAsync("/v3/contacts", new[] { Contact("c-a", new { chatType = "telegram" }) });
        using var notTelegram = await api.PostJsonAsync("/v3/contacts", new[] { Contact("c-b", new { chatType = "whatsapp", chatId = "79011112233", username = "nina_berg" }) });

        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.True(Assert.Single(await unnamed.ErrorDataAsync()).GetProperty("descriptions").TryGetProperty("contactData[0].chatId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, notTelegram.StatusCode);
        Assert.True(Assert.Single(await notTelegram.ErrorDataAsync()).GetProperty("descriptions").TryGetProperty("contactData[0].username", out _));
    }

    [Fact]
    public async Task A_telegram_username_belongs_to_one_contact()
    {
        await api.PostOkAsync("/v3/contacts", new[] { Contact("c-first", new { chatType = "telegram", username = "nina_berg" }) });

        using var second = await api.PostJsonAsync("/v3/contacts", new[] { Contact("c-second", new { chatType = "telegram", chatId = "nina_berg" }) });

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("c-first", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static object Contact(string id, params object[] chats) =>
        new { id, responsibleUserId = "u-carmen", name = "Chat type client", contactData = chats };

    private async Task<System.Text.Json.JsonElement> SimulateAsync(object body)
    {
        using var response = await api.PostJsonAsync("/v3/simulator/messages", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private Task<int> ContactsWithChatAsync(string chatId) =>
        app.InStoreAsync(db => db.ContactChats.Where(c => c.ChatType == "telegram" && c.ChatId == chatId).Select(c => c.ContactId).Distinct().CountAsync());

    private async Task<Guid> AddChannelAsync(Transport transport, string plainId)
    {
        await using (var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail))
        {
            var added = await scope.ServiceProvider.GetRequiredService<ChannelService>().AddAsync(transport, plainId, $"{transport} test channel");
            Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Message)));
        }

        return await app.InStoreAsync(db => db.Channels.Where(c => c.Name == $"{transport} test channel").Select(c => c.Id).SingleAsync());
    }
}
