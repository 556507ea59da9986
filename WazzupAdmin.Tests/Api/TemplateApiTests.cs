using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Api;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Tests.Support;
using WazzupAdmin.Tests.Webhooks;

namespace WazzupAdmin.Tests.Api;

/// <summary>
/// GET /templates/whatsapp as the real product's "WABA templates" page documents it, the demo's WABA channel and its
/// templates, the templateStatus subscription and its webhook, and sending an approved template.
/// </summary>
public sealed class TemplateApiTests : IAsyncLifetime
{
    private static readonly Guid OrderReady = DemoTemplates.Templates[0].TemplateGuid;
    private static readonly Guid SummerSale = DemoTemplates.Templates[2].TemplateGuid;

    private AppFactory app = WebhookTestApp.Create();
    private HttpClient api = default!;
    private string key = "";

    public async Task InitializeAsync()
    {
        key = await ApiClient.CreateKeyAsync(app);
        api = ApiClient.WithKey(app, key);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task The_documented_request_lists_the_templates_of_the_waba_channel_in_the_documented_shape()
    {
        var list = await api.GetJsonAsync(ApiV3.Prefix + "/templates/whatsapp");

        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        Assert.Equal(DemoTemplates.Templates.Length, list.GetArrayLength());
        var orderReady = list.EnumerateArray().Single(t => t.GetProperty("templateGuid").GetString() == OrderReady.ToString());
        Assert.Equal(
            ["accountId", "category", "channels", "components", "language", "name", "namespace", "status", "templateGuid", "title", "waba"],
            orderReady.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(("Order ready", "order_ready", "UTILITY", "en", "approved"),
            (orderReady.GetProperty("title").GetString(), orderReady.GetProperty("name").GetString(), orderReady.GetProperty("category").GetString(),
             orderReady.GetProperty("language").GetString(), orderReady.GetProperty("status").GetString()));
        Assert.Equal(DemoTemplates.WabaChannel.Id.ToString(), orderReady.GetProperty("channels")[0].GetString());
        Assert.Equal(JsonValueKind.Number, orderReady.GetProperty("accountId").ValueKind);
        Assert.True(orderReady.GetProperty("waba").TryGetProperty("wabaId", out _));
        Assert.Equal(["HEADER", "BODY", "FOOTER"], orderReady.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        var rejected = list.EnumerateArray().Single(t => t.GetProperty("status").GetString() == "rejected");
        Assert.Equal("PROMOTIONAL", rejected.GetProperty("rejected_reason").GetString());
    }

    [Fact]
    public async Task Limit_and_offset_page_through_the_templates()
    {
        var first = await api.GetJsonAsync(ApiV3.Prefix + "/templates/whatsapp?limit=2");
        var rest = await api.GetJsonAsync(ApiV3.Prefix + "/templates/whatsapp?limit=2&offset=2");

        Assert.Equal(2, first.GetArrayLength());
        Assert.Equal(2, rest.GetArrayLength());
        Assert.Empty(first.EnumerateArray().Select(t => t.GetProperty("templateGuid").GetString())
            .Intersect(rest.EnumerateArray().Select(t => t.GetProperty("templateGuid").GetString())));
    }

    [Fact]
    public async Task The_waba_channel_and_its_templates_are_added_once_also_to_a_demo_workspace_created_before_them()
    {
        // A workspace from before the WABA channel: it and its templates are gone, as they were then.
        await app.InStoreAsync(async db =>
        {
            await db.WabaTemplates.ExecuteDeleteAsync();
            return await db.Channels.Where(c => c.Id == DemoTemplates.WabaChannel.Id).ExecuteDeleteAsync();
        });
        api.Dispose();
        app = await app.RestartAsync();
        api = ApiClient.WithKey(app, key);
        app = await app.RestartAsync();
        api = ApiClient.WithKey(app, key);

        var channels = await api.GetJsonAsync(ApiV3.Prefix + "/channels");
        Assert.Single(channels.EnumerateArray(), c => c.GetProperty("transport").GetString() == "wapi");
        Assert.Equal(DemoTemplates.Templates.Length, await app.InStoreAsync(db => db.WabaTemplates.CountAsync()));
    }

    [Fact]
    public async Task Template_status_is_accepted_kept_reported_and_its_webhook_sent_when_a_template_is_moderated()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        using var patch = await api.PatchAsync(ApiV3.Prefix + "/webhooks",
            Json(new { webhooksUri = receiver.Address, subscriptions = new { messagesAndStatuses = false, contactsAndDealsCreation = false, templateStatus = true } }));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var current = await api.GetJsonAsync(ApiV3.Prefix + "/webhooks");
        Assert.True(current.GetProperty("subscriptions").GetProperty("templateStatus").GetBoolean());

        using var moderated = await api.PostAsync($"{ApiV3.Prefix}/simulator/templates/{SummerSale}/status", Json(new { status = "approved" }));

        Assert.Equal(HttpStatusCode.OK, moderated.StatusCode);
        await receiver.EventuallyAsync(r => r.Accepted.Any(e => e.Kind == WebhookKinds.TemplateStatus), "the templateStatus webhook");
        var hook = receiver.Accepted.Single(e => e.Kind == WebhookKinds.TemplateStatus).Json.GetProperty("templateStatus");
        Assert.Equal((SummerSale.ToString(), "summer_sale", "approved"),
            (hook.GetProperty("templateGuid").GetString(), hook.GetProperty("name").GetString(), hook.GetProperty("status").GetString()));
        var listed = await api.GetJsonAsync(ApiV3.Prefix + "/templates/whatsapp");
        Assert.Equal("approved", listed.EnumerateArray().Single(t => t.GetProperty("templateGuid").GetString() == SummerSale.ToString())
            .GetProperty("status").GetString());
    }

    [Fact]
    public async Task Without_the_template_status_subscription_no_webhook_is_written()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var patch = await api.PatchAsync(ApiV3.Prefix + "/webhooks",
            Json(new { webhooksUri = receiver.Address, subscriptions = new { messagesAndStatuses = true } }));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        using var moderated = await api.PostAsync($"{ApiV3.Prefix}/simulator/templates/{SummerSale}/status", Json(new { status = "rejected" }));

        Assert.Equal(HttpStatusCode.OK, moderated.StatusCode);
        Assert.Equal(0, await app.InStoreAsync(db => db.OutboxEvents.CountAsync(e => e.Kind == WebhookKinds.TemplateStatus)));
    }

    [Fact]
    public async Task An_approved_template_is_sent_with_its_variables_filled_and_a_pending_one_is_refused()
    {
        // The WABA channel has no clients yet: a CRM contact with a WhatsApp chat is one it can write to first.
        await api.PostOkAsync(ApiV3.Prefix + "/contacts",
            new[] { new { id = "c-waba", responsibleUserId = "u-boris", name = "Ana Waba", contactData = new[] { new { chatType = "whatsapp", chatId = "34699000111" } } } });

        using var sent = await api.PostAsync(ApiV3.Prefix + "/message", Json(new
        {
            channelId = DemoTemplates.WabaChannel.Id, chatType = "whatsapp", chatId = "34699000111", templateId = OrderReady, templateValues = new[] { "Ana", "A-17" },
        }));
        using var pending = await api.PostAsync(ApiV3.Prefix + "/message", Json(new
        {
            channelId = DemoTemplates.WabaChannel.Id, chatType = "whatsapp", chatId = "34699000111", templateId = SummerSale, templateValues = new[] { "Ana" },
        }));

        Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        Assert.Equal("Hello Ana, your order A-17 is ready for pick-up at our showroom.",
            await app.InStoreAsync(db => db.Messages.OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync()));
        Assert.Equal("TEMPLATE_REJECTED", await pending.ErrorCodeAsync());
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
