using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Tests.EndToEnd.Pages;
using WazzupAdmin.Tests.Webhooks;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd;

/// <summary>A message the CRM sends through the API shows live in a rep's open chat window, and its statuses with it.</summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
public sealed class CrmMessagesTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public Task A_message_sent_through_the_api_appears_live_with_its_status_marks_and_its_statuses_reach_the_crm_in_order() => RunAsync(async sessions =>
    {
        var key = await Fixture.CreateApiKeyAsync("E2E messages CRM");
        if (key is null)
        {
            Output.WriteLine("Skipped: API keys can only be made for the in-process console.");
            return;
        }

        await using var receiver = await WebhookReceiver.StartAsync();
        using var crm = new HttpClient { BaseAddress = Fixture.BaseUrl };
        crm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        await OkAsync(await crm.PatchAsJsonAsync("v3/webhooks", new { webhooksUri = receiver.Address, subscriptions = new { messagesAndStatuses = true } }));
        try
        {
            await SendAndWatchAsync(sessions, crm, receiver);
        }
        finally
        {
            // The console is shared by the run: leave nobody subscribed to a receiver that is about to stop.
            await OkAsync(await crm.PatchAsJsonAsync("v3/webhooks", new { webhooksUri = "" }));
        }
    });

    private static async Task SendAndWatchAsync(BrowserSessions sessions, HttpClient crm, WebhookReceiver receiver)
    {

        // A client the CRM knows and gave to Boris, who has never written: the CRM writes first.
        var suffix = Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var clientName = $"Api reader {suffix}";
        var phone = $"3469{suffix}";
        await OkAsync(await crm.PostAsJsonAsync("v3/contacts", new[]
        {
            new { id = $"c-e2e-{suffix}", responsibleUserId = "u-boris", name = clientName, contactData = new[] { new { chatType = "whatsapp", chatId = phone } } },
        }));
        var boris = await ChatPage.SignInAsync(await sessions.OpenAsync("boris"), "boris@wazzup.demo");
        await Expect(boris.ConversationOf(clientName)).ToHaveCountAsync(0);

        const string text = "Your sofa leaves the warehouse today.";
        using var sent = await crm.PostAsJsonAsync("v3/message", new
        {
            channelId = Data.Demo.DemoWorkspace.Channels[0].Id, chatType = "whatsapp", chatId = phone, crmUserId = "u-anna", text,
        });
        Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        var messageId = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetString();

        // Nobody reloads: the conversation appears in Boris's list, written by Anna, with one tick.
        await boris.OpenAsync(clientName);
        await Expect(boris.MessageWith(text)).ToContainTextAsync("Anna Petrova");
        await Expect(boris.StatusMarks(text, "Sent")).ToBeVisibleAsync();

        // The client's phone reports the message read: the marks change in the open window.
        await OkAsync(await crm.PostAsJsonAsync($"v3/simulator/messages/{messageId}/status", new { status = "read" }));
        await Expect(boris.StatusMarks(text, "Read")).ToBeVisibleAsync();

        await receiver.EventuallyAsync(r => StatusesOf(r, messageId).Count == 3, "sent, delivered and read at the CRM");
        Assert.Equal(["sent", "delivered", "read"], StatusesOf(receiver, messageId));
        var kinds = receiver.Accepted.Where(e => e.Body.Contains(messageId!, StringComparison.Ordinal)).Select(e => e.Kind).ToList();
        Assert.Equal([WebhookKinds.Messages, WebhookKinds.Statuses, WebhookKinds.Statuses, WebhookKinds.Statuses], kinds);
    }

    private static List<string?> StatusesOf(WebhookReceiver receiver, string? messageId) =>
    [
        .. receiver.Accepted.Where(e => e.Kind == WebhookKinds.Statuses)
            .SelectMany(e => e.Json.GetProperty("statuses").EnumerateArray())
            .Where(s => s.GetProperty("messageId").GetString() == messageId)
            .Select(s => s.GetProperty("status").GetString()),
    ];

    private static async Task OkAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
