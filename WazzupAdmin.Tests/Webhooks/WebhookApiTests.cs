using System.Net;
using System.Net.Http.Json;
using WazzupAdmin.Tests.Api;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Webhooks;

/// <summary>The CRM subscribes through the API; the platform checks the address with a test POST first.</summary>
public sealed class WebhookApiTests : IAsyncLifetime
{
    private readonly AppFactory app = WebhookTestApp.Create();
    private WebhookReceiver receiver = default!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task Subscribing_posts_a_signed_test_that_must_answer_200_and_the_subscription_reads_back()
    {
        using var api = await ApiClient.CreateAsync(app);

        using var response = await api.PatchAsJsonAsync("/v3/webhooks", new
        {
            webhooksUri = receiver.Address,
            subscriptions = new { messagesAndStatuses = true, contactsAndDealsCreation = false, channelsUpdates = true },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("ok").GetBoolean());
        var test = Assert.Single(receiver.Requests);
        Assert.True(test.IsTest);
        Assert.True(test.Json.GetProperty("test").GetBoolean());
        var settings = await (await api.GetAsync("/v3/webhooks")).JsonAsync();
        Assert.Equal(receiver.Address, settings.GetProperty("webhooksUri").GetString());
        Assert.True(settings.GetProperty("subscriptions").GetProperty("messagesAndStatuses").GetBoolean());
        Assert.False(settings.GetProperty("subscriptions").GetProperty("contactsAndDealsCreation").GetBoolean());
        Assert.True(settings.GetProperty("subscriptions").GetProperty("channelsUpdates").GetBoolean());
    }

    [Fact]
    public async Task An_address_that_answers_500_to_the_test_is_refused_with_its_answer_and_nothing_changes()
    {
        using var api = await ApiClient.CreateAsync(app);
        receiver.AnswerTests = 500;
        receiver.AnswerBody = "maintenance";

        using var response = await api.PatchAsJsonAsync("/v3/webhooks", new
        {
            webhooksUri = receiver.Address,
            subscriptions = new { messagesAndStatuses = true, contactsAndDealsCreation = true, channelsUpdates = true },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.JsonAsync();
        Assert.Equal("testPostNotPassed", error.GetProperty("error").GetString());
        Assert.Equal(500, error.GetProperty("data").GetProperty("statusCode").GetInt32());
        Assert.Equal("maintenance", error.GetProperty("data").GetProperty("body").GetString());
        var settings = await (await api.GetAsync("/v3/webhooks")).JsonAsync();
        Assert.False(settings.TryGetProperty("webhooksUri", out var uri) && uri.GetString() is not null);
    }

    [Fact]
    public async Task A_patch_changes_only_what_it_carries_and_an_empty_address_unsubscribes()
    {
        using var api = await ApiClient.CreateAsync(app);
        using var subscribed = await api.PatchAsJsonAsync("/v3/webhooks", new
        {
            webhooksUri = receiver.Address,
            subscriptions = new { messagesAndStatuses = true, contactsAndDealsCreation = true, channelsUpdates = true },
        });
        Assert.Equal(HttpStatusCode.OK, subscribed.StatusCode);

        using var narrowed = await api.PatchAsJsonAsync("/v3/webhooks", new { subscriptions = new { channelsUpdates = false } });

        var settings = await narrowed.JsonAsync();
        Assert.True(settings.GetProperty("ok").GetBoolean());
        Assert.Equal(receiver.Address, settings.GetProperty("webhooksUri").GetString());
        Assert.True(settings.GetProperty("subscriptions").GetProperty("messagesAndStatuses").GetBoolean());
        Assert.False(settings.GetProperty("subscriptions").GetProperty("channelsUpdates").GetBoolean());
        // The address did not change, so it was not tested again.
        Assert.Single(receiver.Requests);

        using var unsubscribed = await api.PatchAsJsonAsync("/v3/webhooks", new { webhooksUri = "" });
        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        Assert.False((await unsubscribed.JsonAsync()).TryGetProperty("webhooksUri", out _));
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("ftp://crm.example/hooks")]
    [InlineData("/relative/hooks")]
    public async Task An_address_that_is_not_absolute_http_is_refused_as_not_a_valid_uri(string address)
    {
        using var api = await ApiClient.CreateAsync(app);

        using var response = await api.PatchAsJsonAsync("/v3/webhooks", new { webhooksUri = address });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("uriNotValid", await response.ErrorCodeAsync());
        Assert.Empty(receiver.Requests);
    }
}
