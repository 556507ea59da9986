using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using WazzupAdmin.Api;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Postgres;
using WazzupAdmin.Tests.Components;

namespace WazzupAdmin.Tests.Api;

/// <summary>The counts in the database on a clock the test moves: the window slides, and old windows are removed.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresApiKeyRateLimiterTests : IAsyncLifetime
{
    // 12:00:00 exactly, the start of a minute window.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
    private ComponentTestDb db = default!;
    private ServiceProvider services = default!;
    private PostgresApiKeyRateLimiter limiter = default!;

    public async Task InitializeAsync()
    {
        var collection = new ServiceCollection();
        db = ComponentTestDb.AddTo(collection, StoreProvider.Postgres);
        services = collection.BuildServiceProvider();
        await db.SeedAsync(services);
        var options = Options.Create(new ApiLimitOptions { RateLimit = new WindowLimit { PermitLimit = 4, WindowSeconds = 60 } });
        limiter = new PostgresApiKeyRateLimiter(services.GetRequiredService<NpgsqlDataSource>(), clock, options);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        db.Dispose();
    }

    [Fact]
    public async Task A_full_minute_lets_requests_through_again_as_it_slides_out()
    {
        Assert.Equal([true, true, true, true, false], await RequestsAsync(1, 5));
        // A refused request counts for nothing; the next one fits once only 3 of the 4 count, 15 s into the next minute.
        var refused = await limiter.AcquireAsync(1, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(75), refused.RetryAfter);

        clock.Advance(TimeSpan.FromSeconds(74));
        Assert.Equal([false], await RequestsAsync(1, 1));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([true, false], await RequestsAsync(1, 2));

        // Halfway through it, 2 of the previous minute's 4 count: one more fits beside the one already let through.
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal([true, false], await RequestsAsync(1, 2));
        Assert.Equal([true, true, true, true], await RequestsAsync(2, 4));
    }

    [Fact]
    public async Task Only_the_current_and_the_previous_window_of_a_key_are_kept()
    {
        await RequestsAsync(1, 1);
        clock.Advance(TimeSpan.FromMinutes(1));
        await RequestsAsync(1, 1);
        clock.Advance(TimeSpan.FromMinutes(1));
        await RequestsAsync(1, 1);

        await using var store = (PostgresAppDbContext)await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var kept = await store.ApiRateWindows.Where(w => w.KeyId == 1).OrderBy(w => w.WindowStart).Select(w => w.WindowStart).ToListAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        Assert.Equal([now.AddMinutes(-1), now], kept);
    }

    private async Task<List<bool>> RequestsAsync(int keyId, int count)
    {
        var allowed = new List<bool>();
        for (var i = 0; i < count; i++)
        {
            allowed.Add((await limiter.AcquireAsync(keyId, CancellationToken.None)).Allowed);
        }

        return allowed;
    }
}
