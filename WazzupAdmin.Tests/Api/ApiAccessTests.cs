using System.Net;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>
/// Who may call the API: a valid key gets in, anything else gets 401 in the API's error shape; a flood gets 429. Each
/// test uses keys of its own (the flood a console of its own), so the others share one console.
/// </summary>
public sealed class ApiAccessTests(AppFactory app) : IClassFixture<AppFactory>
{

    [Fact]
    public async Task A_valid_key_lists_the_channels_in_the_real_products_shape()
    {
        using var client = await ApiClient.CreateAsync(app);

        using var response = await client.GetAsync("/v3/channels");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var channels = (await response.JsonAsync()).EnumerateArray().ToList();
        // The three demo channels and the demo's WABA channel.
        Assert.Equal(4, channels.Count);
        var whatsapp = channels.Single(c => c.GetProperty("channelId").GetGuid() == Guid.Parse("9a1d6c0e-0000-4000-8000-000000000001"));
        Assert.Equal("whatsapp", whatsapp.GetProperty("transport").GetString());
        Assert.Equal("active", whatsapp.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(whatsapp.GetProperty("plainId").GetString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wz_0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    public async Task A_missing_or_unknown_key_gets_401_with_the_error_shape(string? authorization)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.GetAsync("/v3/channels");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("INVALID_API_KEY", await response.ErrorCodeAsync());
        Assert.False(string.IsNullOrEmpty((await response.JsonAsync()).GetProperty("description").GetString()));
    }

    [Fact]
    public async Task A_revoked_key_gets_401()
    {
        var key = await ApiClient.CreateKeyAsync(app);
        using var client = ApiClient.WithKey(app, key);
        using (var before = await client.GetAsync("/v3/channels"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var revoked = await ApiClient.RevokeKeyAsync(app, key);
        Assert.NotNull(revoked.LastUsedAtUtc);

        using var response = await client.GetAsync("/v3/channels");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("INVALID_API_KEY", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task More_than_500_requests_in_the_window_get_429_with_Retry_After_and_other_keys_are_not_affected()
    {
        // The window is widened so that the count, not the test machine's speed, decides: 501 requests must fit in it
        // even on a loaded machine. The 5 seconds of the real configuration are checked below.
        await using var slowClock = new AppFactory { Settings = new Dictionary<string, string?> { ["Api:RateLimit:WindowSeconds"] = "120" } };
        using var flooding = await ApiClient.CreateAsync(slowClock, "Flooding CRM");
        using var other = await ApiClient.CreateAsync(slowClock, "Quiet CRM");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 501 && refused is null; i++)
        {
            var response = await flooding.GetAsync("/v3/channels");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.Equal(500, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.Equal("TOO_MANY_REQUESTS", await refused.ErrorCodeAsync());
            var retryAfter = refused.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value.TotalSeconds, 1, 120);
        }

        using var quiet = await other.GetAsync("/v3/channels");
        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
    }

    [Fact]
    public void The_real_limit_is_500_requests_in_5_seconds()
    {
        var limit = new WazzupAdmin.Api.ApiLimitOptions().RateLimit;

        Assert.Equal(500, limit.PermitLimit);
        Assert.Equal(TimeSpan.FromSeconds(5), limit.Window);
    }

    [Fact]
    public async Task The_OpenAPI_document_and_the_reference_page_are_served()
    {
        using var client = app.CreateClient();

        using var document = await client.GetAsync("/openapi/v3.json");
        using var reference = await client.GetAsync("/api/reference/index.html");

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var json = await document.JsonAsync();
        Assert.True(json.GetProperty("paths").TryGetProperty("/v3/channels", out _));
        Assert.True(json.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("apiKey", out _));
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("swagger-ui", await reference.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
