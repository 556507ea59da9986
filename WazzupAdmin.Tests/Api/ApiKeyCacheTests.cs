using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WazzupAdmin.Data;
using WazzupAdmin.Services.Api;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>
/// A key found valid is believed for a few seconds without a lookup; revoking it through the console ends that at once,
/// and a revocation the console did not see (one made straight in the store) within the cache's lifetime.
/// </summary>
public sealed class ApiKeyCacheTests
{
    private static readonly ApiCaller Crm = new(1, "CRM");
    private static readonly ApiCaller Other = new(2, "Other CRM");

    [Fact]
    public void A_key_found_valid_is_believed_for_its_lifetime_and_then_asked_again()
    {
        var clock = new FakeTimeProvider();
        var cache = new ApiKeyCache(clock);

        cache.Remember("hash-1", Crm, cache.Generation);
        clock.Advance(ApiKeyCache.Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Equal(Crm, cache.Find("hash-1"));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(cache.Find("hash-1"));
        Assert.Null(cache.Find("hash-never-seen"));
    }

    [Fact]
    public void A_revoked_key_is_forgotten_and_the_others_are_kept()
    {
        var cache = new ApiKeyCache(new FakeTimeProvider());
        cache.Remember("hash-1", Crm, cache.Generation);
        cache.Remember("hash-2", Other, cache.Generation);

        cache.Revoked(Crm.KeyId);

        Assert.Null(cache.Find("hash-1"));
        Assert.Equal(Other, cache.Find("hash-2"));
    }

    [Fact]
    public void A_lookup_that_ran_while_a_key_was_revoked_does_not_bring_it_back()
    {
        var cache = new ApiKeyCache(new FakeTimeProvider());
        var beforeTheLookup = cache.Generation;

        // The store said the key was valid, but the key was revoked before the answer was kept.
        cache.Revoked(Crm.KeyId);
        cache.Remember("hash-1", Crm, beforeTheLookup);

        Assert.Null(cache.Find("hash-1"));
        cache.Remember("hash-1", Crm, cache.Generation);
        Assert.Equal(Crm, cache.Find("hash-1"));
    }

    [Fact]
    public async Task A_key_revoked_straight_in_the_store_is_refused_once_the_cache_lifetime_has_passed()
    {
        var clock = new MovableClock();
        await using var app = new AppFactory { TestServices = services => services.AddSingleton<TimeProvider>(clock) };
        var key = await ApiClient.CreateKeyAsync(app);
        using var client = ApiClient.WithKey(app, key);
        using (var first = await client.GetAsync("/v3/channels"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var hash = ApiKeyService.HashOf(key);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(1, await db.ApiKeys.Where(k => k.Hash == hash)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAtUtc, clock.GetUtcNow().UtcDateTime)));
        }

        using (var stillBelieved = await client.GetAsync("/v3/channels"))
        {
            Assert.Equal(HttpStatusCode.OK, stillBelieved.StatusCode);
        }

        clock.Advance(ApiKeyCache.Lifetime);
        using var refused = await client.GetAsync("/v3/channels");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("INVALID_API_KEY", await refused.ErrorCodeAsync());
    }
}
