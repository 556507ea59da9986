using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>POST /simulator/messages: a client's message goes the way the simulator page sends it, and bad input is named.</summary>
public sealed class SimulatorEndpointTests : IAsyncLifetime
{
    // Sales WhatsApp: first responder to Boris, Carmen, Dmitri and Hugo. Sales Telegram: in turn among Boris, Carmen and Dmitri.
    private static readonly Guid SalesWhatsApp = DemoWorkspace.Channels[0].Id;
    private static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;

    private readonly AppFactory app = new();
    private HttpClient api = default!;

    public async Task InitializeAsync() => api = await ApiClient.CreateAsync(app);

    public async Task DisposeAsync()
    {
        api.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_new_client_in_turn_gets_a_contact_and_goes_to_the_next_rep()
    {
        var first = await SendAsync(new { channelId = SalesTelegram, chatType = "telegram", chatId = "nina_berg", name = "Nina Berg", text = "Hello" });
        var second = await SendAsync(new { channelId = SalesTelegram, chatType = "telegram", chatId = "omar_said", name = "Omar Said", text = "Hi" });

        Assert.True(first.GetProperty("newClient").GetBoolean());
        Assert.Equal("u-boris", first.GetProperty("responsibleUserId").GetString());
        Assert.Equal("u-carmen", second.GetProperty("responsibleUserId").GetString());
        await using var db = await DbAsync();
        var contact = await db.Contacts.Include(c => c.Chats).SingleAsync(c => c.Id == first.GetProperty("contactId").GetString());
        Assert.Equal("Nina Berg", contact.Name);
        Assert.Equal("u-boris", contact.ResponsibleUserId);
        Assert.Equal(("telegram", "nina_berg"), (contact.Chats.Single().ChatType, contact.Chats.Single().ChatId));
        var conversation = await db.Conversations.SingleAsync(c => c.Id == first.GetProperty("conversationId").GetInt64());
        Assert.Equal(SalesTelegram, conversation.ChannelId);
        Assert.True(conversation.Unanswered);
        Assert.True(await db.Deals.AnyAsync(d => d.Contacts.Any(c => c.Id == contact.Id) && d.ResponsibleUserId == "u-boris"));
    }

    [Fact]
    public async Task A_new_first_responder_client_is_offered_to_the_eligible_reps()
    {
        var result = await SendAsync(new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = "+34 611 222 334", name = "Nora Blanco", text = "Hello" });

        Assert.True(result.GetProperty("newClient").GetBoolean());
        Assert.False(result.TryGetProperty("responsibleUserId", out _));
        Assert.Equal(["u-boris", "u-carmen", "u-dmitri", "u-hugo"],
            result.GetProperty("offeredTo").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_known_client_goes_to_their_responsible_user()
    {
        var result = await SendAsync(new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = "34600111222", text = "Any news?" });

        Assert.False(result.GetProperty("newClient").GetBoolean());
        Assert.Equal("c-1001", result.GetProperty("contactId").GetString());
        Assert.Equal("u-boris", result.GetProperty("responsibleUserId").GetString());
    }

    [Fact]
    public async Task An_unknown_channel_is_named_in_the_error()
    {
        var channelId = Guid.Parse("9a1d6c0e-0000-4000-8000-0000000000ff");

        using var response = await api.PostAsJsonAsync("/v3/simulator/messages", new { channelId, chatType = "whatsapp", chatId = "34611222334", text = "Hello" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("CHANNEL_NOT_FOUND", await response.ErrorCodeAsync());
        var body = await response.JsonAsync();
        Assert.Contains(channelId.ToString(), body.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(channelId, body.GetProperty("data").GetProperty("channelId").GetGuid());
    }

    [Fact]
    public async Task A_channel_connected_after_its_id_was_unknown_takes_its_clients_messages()
    {
        var channelId = Guid.Parse("9a1d6c0e-0000-4000-8000-0000000000fe");
        var message = new { channelId, chatType = "telegram", chatId = "late_channel_client", text = "Hello" };
        using (var before = await api.PostAsJsonAsync("/v3/simulator/messages", message))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        await using (var db = await DbAsync())
        {
            var template = await db.Channels.AsNoTracking().SingleAsync(c => c.Id == SalesTelegram);
            db.Channels.Add(new WazzupAdmin.Data.Entities.Channel
            {
                Id = channelId, Transport = template.Transport, PlainId = "late_channel_bot", Name = "Late Telegram", CreatedAtUtc = template.CreatedAtUtc,
                Version = 1, FunnelId = template.FunnelId, StageId = template.StageId, Algorithm = template.Algorithm,
            });
            await db.SaveChangesAsync();
        }

        var result = await SendAsync(message);

        Assert.True(result.GetProperty("newClient").GetBoolean());
    }

    [Fact]
    public async Task A_channel_disabled_after_its_clients_wrote_refuses_the_next_message()
    {
        await SendAsync(new { channelId = SalesTelegram, chatType = "telegram", chatId = "before_disabling", text = "Hello" });
        await using (var db = await DbAsync())
        {
            await db.Channels.Where(c => c.Id == SalesTelegram)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, WazzupAdmin.Domain.Channels.ChannelState.Disabled));
        }

        using var response = await api.PostAsJsonAsync("/v3/simulator/messages",
            new { channelId = SalesTelegram, chatType = "telegram", chatId = "after_disabling", text = "Hello" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("VALIDATION_ERROR", await response.ErrorCodeAsync());
        Assert.Equal(["channelId"], await FieldsAsync(response));
        await using var after = await DbAsync();
        Assert.False(await after.ContactChats.AnyAsync(c => c.ChatId == "after_disabling"));
    }

    [Theory]
    [InlineData("telegram")]
    [InlineData("wapi")]
    public async Task A_chat_type_the_channel_does_not_write_to_is_a_wrong_transport(string chatType)
    {
        using var response = await api.PostAsJsonAsync("/v3/simulator/messages", new { channelId = SalesWhatsApp, chatType, chatId = "34611222333", text = "Hello" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("WRONG_TRANSPORT", await response.ErrorCodeAsync());
        var body = await response.JsonAsync();
        Assert.Contains("whatsapp", body.GetProperty("description").GetString(), StringComparison.Ordinal);
        var data = body.GetProperty("data");
        Assert.Equal(("whatsapp", chatType), (data.GetProperty("transport").GetString(), data.GetProperty("chatType").GetString()));
    }

    [Theory]
    [InlineData("""{"channelId": "9a1d6c0e-0000-4000-8000-000000000001", "chatType": "whatsapp", "chatId": "not a phone", "text": "Hello"}""", "chatId")]
    [InlineData("""{"channelId": "9a1d6c0e-0000-4000-8000-000000000001", "chatType": "whatsapp", "chatId": "34611222334", "text": " "}""", "text")]
    [InlineData("""{"channelId": "9a1d6c0e-0000-4000-8000-000000000001", "chatType": "whatsapp", "chatId": "34611222334"}""", "text")]
    [InlineData("""{"chatType": "whatsapp", "chatId": "34611222334", "text": "Hello"}""", "channelId")]
    public async Task Invalid_fields_are_400_validation_error_listing_them(string body, string field)
    {
        using var response = await api.PostAsync("/v3/simulator/messages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("VALIDATION_ERROR", await response.ErrorCodeAsync());
        Assert.Equal([field], await FieldsAsync(response));
        await using var db = await DbAsync();
        Assert.False(await db.ContactChats.AnyAsync(c => c.ChatId == "34611222334"));
    }

    [Fact]
    public async Task A_malformed_body_is_400_invalid_request()
    {
        using var response = await api.PostAsync("/v3/simulator/messages", new StringContent("""{"channelId": "nope"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_REQUEST", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Without_a_key_it_is_401()
    {
        using var anonymous = app.CreateClient();

        using var response = await anonymous.PostAsJsonAsync("/v3/simulator/messages", new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = "34611222334", text = "Hello" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_it_as_a_simulator_only_addition()
    {
        using var response = await app.CreateClient().GetAsync("/openapi/v3.json");

        var document = await response.JsonAsync();
        var operation = document.GetProperty("paths").GetProperty("/v3/simulator/messages").GetProperty("post");
        Assert.StartsWith("Simulator only", operation.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("real product does not have", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(document.GetProperty("paths").TryGetProperty("/v3/iframe", out _));
    }

    private async Task<JsonElement> SendAsync(object body)
    {
        using var response = await api.PostAsJsonAsync("/v3/simulator/messages", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private static async Task<List<string?>> FieldsAsync(HttpResponseMessage response) =>
        [.. (await response.JsonAsync()).GetProperty("data").EnumerateArray().Select(e => e.GetProperty("field").GetString())];

    private async Task<AppDbContext> DbAsync() =>
        await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
}
