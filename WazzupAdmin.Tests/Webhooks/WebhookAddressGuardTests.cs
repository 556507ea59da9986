using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Api;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Services.Webhooks;
using WazzupAdmin.Tests.Api;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Webhooks;

/// <summary>
/// With the configuration the app ships with (Webhooks:AllowPrivateNetworks false), webhooks never reach this machine
/// or its network: refused when the address is set, and again when an event is delivered.
/// </summary>
public sealed class WebhookAddressGuardTests : IAsyncLifetime
{
    private readonly AppFactory app = new()
    {
        Settings = new Dictionary<string, string?> { ["Webhooks:PollInterval"] = "00:00:00.200", ["Webhooks:RetryBase"] = "00:00:00.050" },
    };

    private WebhookReceiver receiver = default!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await receiver.DisposeAsync();
    }

    public static TheoryData<string> LocalAddresses =>
    [
        "http://127.0.0.1:{port}/hooks",
        "http://localhost:{port}/hooks",
        "http://[::1]:{port}/hooks",
        "http://[::ffff:127.0.0.1]:{port}/hooks",
        "http://0.0.0.0:{port}/hooks",
        "http://10.0.0.1/hooks",
        "http://192.168.0.10/hooks",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00::1]/hooks",
        "http://[fe80::1]/hooks",
        "http://224.0.0.1/hooks",
    ];

    [Theory]
    [MemberData(nameof(LocalAddresses))]
    public async Task Subscribing_with_an_address_in_a_local_network_is_refused_in_the_error_shape_and_nothing_is_sent(string template)
    {
        using var api = await ApiClient.CreateAsync(app);
        var address = template.Replace("{port}", receiver.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var response = await api.PatchAsJsonAsync($"{ApiV3.Prefix}/webhooks", new
        {
            webhooksUri = address,
            subscriptions = new { messagesAndStatuses = true, contactsAndDealsCreation = true, channelsUpdates = true },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.JsonAsync();
        Assert.Equal("WEBHOOK_ADDRESS_NOT_PUBLIC", error.GetProperty("error").GetString());
        Assert.Contains("only to public addresses", error.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("webhooksUri", error.GetProperty("data").GetProperty("field").GetString());
        Assert.Empty(receiver.Requests);
        var settings = await (await api.GetAsync($"{ApiV3.Prefix}/webhooks")).JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, settings.TryGetProperty("webhooksUri", out var uri) ? uri.ValueKind : System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task An_address_stored_before_is_refused_again_at_delivery_and_the_refusal_is_recorded()
    {
        // As if the address had been accepted while it resolved elsewhere: the delivery itself must refuse it.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            db.WebhookSettings.Add(new WebhookSettings { Secret = "s", Uri = receiver.Address, ChannelsUpdates = true, MessagesAndStatuses = true, ContactsAndDealsCreation = true });
            await db.SaveChangesAsync();
        }

        await WebhookTestApp.ClientWritesAsync(app, WebhookTestApp.SalesWhatsApp, "34600111222", "Rosa Local", "Hello");

        await WebhookReceiver.EventuallyAsync(
            async () => (await WebhookTestApp.OutboxAsync(app)).Any(e => e.Attempts > 0 && e.LastError?.Contains("public addresses", StringComparison.Ordinal) == true),
            "a delivery refused by the address guard");
        Assert.Empty(receiver.Requests);
        Assert.DoesNotContain(await WebhookTestApp.OutboxAsync(app), e => e.Status == OutboxStatus.Delivered);
    }
}
