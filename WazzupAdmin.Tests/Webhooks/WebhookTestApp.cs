using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Settings;
using WazzupAdmin.Services.Webhooks;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Webhooks;

/// <summary>The console with a fast outbox schedule, and the steps the webhook tests take on it.</summary>
public static class WebhookTestApp
{
    public static readonly Guid SalesWhatsApp = DemoWorkspace.Channels[0].Id;
    public static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;
    public static readonly Guid StoreInstagram = DemoWorkspace.Channels[2].Id;

    public static readonly WebhookSubscriptions Everything = new(true, true, true);

    /// <summary>
    /// Milliseconds instead of seconds, so retries happen while the test waits; one quick retry in the library's
    /// pipeline. The receivers listen on 127.0.0.1, so private addresses are allowed here (never by default).
    /// </summary>
    public static AppFactory Create(StoreProvider provider = StoreProvider.Sqlite) => new()
    {
        Provider = provider,
        Settings = new Dictionary<string, string?>
        {
            ["Webhooks:AllowPrivateNetworks"] = "true",
            ["Webhooks:PollInterval"] = "00:00:00.200",
            ["Webhooks:RetryBase"] = "00:00:00.050",
            ["Webhooks:RetryCap"] = "00:00:00.500",
            ["Webhooks:ImmediateRetries"] = "1",
            ["Webhooks:ImmediateRetryDelay"] = "00:00:00.010",
        },
    };

    /// <returns>The signing secret.</returns>
    public static async Task<string> SubscribeAsync(AppFactory app, WebhookReceiver receiver, WebhookSubscriptions subscriptions)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var webhooks = scope.ServiceProvider.GetRequiredService<WebhookSettingsService>();
        var outcome = await webhooks.SubscribeAsync(new WebhookSettingsInput(receiver.Address, subscriptions));
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        return (await webhooks.CurrentAsync()).Secret;
    }

    public static async Task<ReceivedMessage> ClientWritesAsync(AppFactory app, Guid channelId, string clientId, string name, string text)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IncomingMessageService>()
            .ReceiveAsync(new IncomingMessage(channelId, clientId, name, text));
        return result.Received ?? throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    public static async Task SetChannelDisabledAsync(AppFactory app, Guid channelId, bool disabled)
    {
        await using var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);
        var channels = scope.ServiceProvider.GetRequiredService<ChannelService>();
        var version = (await channels.ListAsync()).Single(c => c.Id == channelId).Version;
        Assert.Equal(SaveStatus.Saved, (await channels.SetDisabledAsync(channelId, version, disabled)).Status);
    }

    public static async Task<List<OutboxEvent>> OutboxAsync(AppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.OutboxEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    public static Task AllDeliveredAsync(AppFactory app, int count) =>
        WebhookReceiver.EventuallyAsync(async () =>
        {
            var outbox = await OutboxAsync(app);
            return outbox.Count == count && outbox.All(e => e.Status == OutboxStatus.Delivered);
        }, $"{count} events delivered");
}
