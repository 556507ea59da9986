using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WazzupAdmin.Api;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Messages;
using WazzupAdmin.Tests.Api;
using WazzupAdmin.Tests.Support;
using static WazzupAdmin.Tests.Webhooks.WebhookTestApp;

namespace WazzupAdmin.Tests.Webhooks;

/// <summary>
/// Every outgoing message goes through sent, delivered and read on the simulated messenger's clock (a fake clock here),
/// and each status reaches the CRM as a <c>statuses</c> webhook in the documented shape, in order, after the message itself.
/// </summary>
public sealed class MessageStatusWebhookTests : IAsyncLifetime
{
    private const string Lucia = "34600111222";

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly AppFactory app;
    private WebhookReceiver receiver = default!;
    private HttpClient api = default!;

    public MessageStatusWebhookTests()
    {
        var settings = new Dictionary<string, string?>(Create().Settings)
        {
            ["MessageStatuses:Automatic"] = "true",
            ["MessageStatuses:DeliveredAfter"] = "00:00:02",
            ["MessageStatuses:ReadAfter"] = "00:00:05",
        };
        app = new AppFactory { Settings = settings, TestServices = services => services.AddSingleton<TimeProvider>(clock) };
    }

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        api = await ApiClient.CreateAsync(app);
        await SubscribeAsync(app, receiver, new WebhookSubscriptions(MessagesAndStatuses: true, ContactsAndDealsCreation: false, ChannelsUpdates: false));
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await app.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_message_sent_through_the_api_is_echoed_then_reported_sent_delivered_and_read_in_order()
    {
        var messageId = await SendAsync(new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, crmUserId = "u-boris", text = "Hello from the CRM" });

        await AdvanceAsync(TimeSpan.FromSeconds(2));
        await AdvanceAsync(TimeSpan.FromSeconds(5));
        await receiver.EventuallyAsync(r => Statuses(r, messageId).Count == 3, "sent, delivered and read");

        var echo = receiver.Accepted.Single(e => e.Kind == WebhookKinds.Messages).Json.GetProperty("messages")[0];
        Assert.Equal((messageId, true, "sent", "u-boris", "Boris Ivanov"),
            (echo.GetProperty("messageId").GetString(), echo.GetProperty("isEcho").GetBoolean(), echo.GetProperty("status").GetString(),
             echo.GetProperty("authorId").GetString(), echo.GetProperty("authorName").GetString()));
        var statuses = Statuses(receiver, messageId);
        Assert.Equal(["sent", "delivered", "read"], statuses.Select(s => s.GetProperty("status").GetString()));
        Assert.All(statuses, s => Assert.Equal(["messageId", "status", "timestamp"], s.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
        var times = statuses.Select(s => s.GetProperty("timestamp").GetDateTime()).ToList();
        Assert.Equal(TimeSpan.FromSeconds(2), times[1] - times[0]);
        Assert.Equal(TimeSpan.FromSeconds(5), times[2] - times[1]);
        // The echo comes first, then the statuses, each as its own request.
        var kinds = receiver.Accepted.Select(e => e.Kind).ToList();
        Assert.Equal([WebhookKinds.Messages, WebhookKinds.Statuses, WebhookKinds.Statuses, WebhookKinds.Statuses], kinds);
    }

    [Fact]
    public async Task A_reply_from_the_chat_window_goes_through_the_same_statuses()
    {
        var conversationId = await app.InStoreAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.Conversations.Where(c => c.ContactId == "c-1001").Select(c => c.Id)));
        await using (var boris = await app.CreateScopeSignedInAsAsync("boris@wazzup.demo"))
        {
            Assert.Equal(SendStatus.Sent, (await boris.ServiceProvider.GetRequiredService<ChatReplyService>().SendAsync(conversationId, "On my way")).Status);
        }

        await AdvanceAsync(TimeSpan.FromSeconds(7));

        await receiver.EventuallyAsync(r => r.Accepted.Count(e => e.Kind == WebhookKinds.Statuses) == 3, "three statuses");
        Assert.Equal(["sent", "delivered", "read"],
            receiver.Accepted.Where(e => e.Kind == WebhookKinds.Statuses).Select(e => e.Json.GetProperty("statuses")[0].GetProperty("status").GetString()));
    }

    [Fact]
    public async Task The_simulator_endpoint_marks_a_message_failed_with_the_messengers_error()
    {
        var messageId = await SendAsync(new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, text = "Will not arrive" });

        using var response = await api.PostAsync($"{ApiV3.Prefix}/simulator/messages/{messageId}/status", Json(new { status = "error", error = "BAD_CONTACT" }));
        using var later = await api.PostAsync($"{ApiV3.Prefix}/simulator/messages/{messageId}/status", Json(new { status = "read" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("VALIDATION_ERROR", await later.ErrorCodeAsync());
        await receiver.EventuallyAsync(r => Statuses(r, messageId).Count == 2, "sent and error");
        var failed = Statuses(receiver, messageId)[1];
        Assert.Equal("error", failed.GetProperty("status").GetString());
        Assert.Equal("BAD_CONTACT", failed.GetProperty("error").GetProperty("error").GetString());
        // Failed is final: the clock moving on reports nothing more.
        await AdvanceAsync(TimeSpan.FromMinutes(1));
        await AllDeliveredAsync(app, 3);
    }

    [Fact]
    public async Task Marking_a_sent_message_read_reports_delivered_first()
    {
        var messageId = await SendAsync(new { channelId = SalesWhatsApp, chatType = "whatsapp", chatId = Lucia, text = "Read at once" });

        using var response = await api.PostAsync($"{ApiV3.Prefix}/simulator/messages/{messageId}/status", Json(new { status = "read" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await receiver.EventuallyAsync(r => Statuses(r, messageId).Count == 3, "sent, delivered, read");
        Assert.Equal(["sent", "delivered", "read"], Statuses(receiver, messageId).Select(s => s.GetProperty("status").GetString()));
    }

    private async Task AdvanceAsync(TimeSpan by)
    {
        clock.Advance(by);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MessageStatusService>().AdvanceDueAsync();
    }

    private static List<JsonElement> Statuses(WebhookReceiver receiver, string messageId) =>
    [
        .. receiver.Accepted.Where(e => e.Kind == WebhookKinds.Statuses)
            .SelectMany(e => e.Json.GetProperty("statuses").EnumerateArray())
            .Where(s => s.GetProperty("messageId").GetString() == messageId),
    ];

    private async Task<string> SendAsync(object body)
    {
        using var response = await api.PostAsync(ApiV3.Prefix + "/message", Json(body));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("messageId").GetString()!;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
