using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Api;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>Bad keys from one address are throttled: past the limit the address gets 429 before any key is looked up.</summary>
public sealed class FailedAuthenticationThrottleTests : IAsyncLifetime
{
    private const string UnknownKey = "wz_0000000000000000000000000000000000000000000000000000000000000000";
    private readonly MovableClock clock = new();
    private readonly AppFactory app;

    public FailedAuthenticationThrottleTests()
    {
        app = new AppFactory
        {
            Settings = new Dictionary<string, string?> { ["Api:FailedAuthentication:PermitLimit"] = "5" },
            TestServices = services => services.AddSingleton<TimeProvider>(clock),
        };
    }

    [Fact]
    public async Task Past_the_limit_of_failed_keys_an_address_gets_429_even_with_a_valid_key_until_the_window_ends()
    {
        var validKey = await ApiClient.CreateKeyAsync(app);
        using var guessing = ApiClient.WithKey(app, UnknownKey);
        using var valid = ApiClient.WithKey(app, validKey);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var refused = await guessing.GetAsync($"{ApiV3.Prefix}/channels");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var throttled = await guessing.GetAsync($"{ApiV3.Prefix}/channels"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.Equal("TOO_MANY_REQUESTS", await throttled.ErrorCodeAsync());
            Assert.False(string.IsNullOrEmpty((await throttled.JsonAsync()).GetProperty("description").GetString()));
            Assert.InRange(int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        }

        using (var validButThrottled = await valid.GetAsync($"{ApiV3.Prefix}/channels"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, validButThrottled.StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(61));

        using var afterWindow = await valid.GetAsync($"{ApiV3.Prefix}/channels");
        Assert.Equal(HttpStatusCode.OK, afterWindow.StatusCode);
        using var unknownAgain = await guessing.GetAsync($"{ApiV3.Prefix}/channels");
        Assert.Equal(HttpStatusCode.Unauthorized, unknownAgain.StatusCode);
    }

    [Fact]
    public async Task A_valid_key_never_counts_as_a_failure()
    {
        using var valid = await ApiClient.CreateAsync(app);

        for (var request = 0; request < 20; request++)
        {
            using var response = await valid.GetAsync($"{ApiV3.Prefix}/channels");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task By_default_a_flood_of_bad_keys_is_throttled()
    {
        await using var defaults = new AppFactory();
        using var guessing = ApiClient.WithKey(defaults, UnknownKey);
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 25; attempt++)
        {
            using var response = await guessing.GetAsync($"{ApiV3.Prefix}/channels");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 20), statuses.Take(20));
        Assert.All(statuses.Skip(20), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();
}
