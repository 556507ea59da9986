using System.Net;
using WazzupAdmin.Data;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>
/// Two consoles on one PostgreSQL database, as two instances behind a load balancer: an API key's requests count
/// against one budget, whichever instance answers them. The limit is lowered to 10 an hour so that the count, not the
/// machine's speed, decides.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class ApiRateLimitOnTwoInstancesTests : IAsyncLifetime
{
    private const int Limit = 10;

    private static readonly Dictionary<string, string?> TenAnHour = new()
    {
        ["Api:RateLimit:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Api:RateLimit:WindowSeconds"] = "3600",
    };

    private AppFactory a = default!;
    private AppFactory b = default!;

    public Task InitializeAsync()
    {
        a = new AppFactory { Provider = StoreProvider.Postgres, Settings = TenAnHour };
        _ = a.Services;
        b = new AppFactory { Provider = StoreProvider.Postgres, PostgresDatabase = a.PostgresDatabase, Settings = TenAnHour };
        _ = b.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await b.DisposeAsync();
        await a.DisposeAsync();
    }

    [Fact]
    public async Task Requests_of_one_key_taking_turns_between_two_consoles_get_the_limit_then_429s_and_another_key_its_own_budget()
    {
        var key = await ApiClient.CreateKeyAsync(a, "Balanced CRM");
        using var viaA = ApiClient.WithKey(a, key);
        using var viaB = ApiClient.WithKey(b, key);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? lastRefusal = null;
        for (var i = 0; i < Limit + 6; i++)
        {
            var response = await (i % 2 == 0 ? viaA : viaB).GetAsync("/v3/channels");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                lastRefusal?.Dispose();
                lastRefusal = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, Limit), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 6)], statuses);
        using (lastRefusal)
        {
            Assert.NotNull(lastRefusal);
            Assert.Equal("TOO_MANY_REQUESTS", await lastRefusal.ErrorCodeAsync());
            var retryAfter = lastRefusal.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value.TotalSeconds, 1, 2 * 3600);
        }

        using var other = await ApiClient.CreateAsync(b, "Quiet CRM");
        using var quiet = await other.GetAsync("/v3/channels");
        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
    }

    [Fact]
    public async Task Requests_of_one_key_arriving_at_both_consoles_at_once_get_exactly_the_limit_through()
    {
        var key = await ApiClient.CreateKeyAsync(a, "Bursting CRM");
        using var viaA = ApiClient.WithKey(a, key);
        using var viaB = ApiClient.WithKey(b, key);

        var responses = await Task.WhenAll(Enumerable.Range(0, 3 * Limit).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? viaA : viaB).GetAsync("/v3/channels");
            return response.StatusCode;
        }));

        Assert.Equal(Limit, responses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2 * Limit, responses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
