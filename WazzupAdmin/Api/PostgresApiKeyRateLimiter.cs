using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using WazzupAdmin.Domain.Security;

namespace WazzupAdmin.Api;

/// <summary>
/// The limit of every instance on one PostgreSQL database together: each request is counted in the key's row of the
/// current fixed window (<c>ApiRateWindows</c>), and let through only if that count plus the previous window's, weighted
/// by how much of it the sliding window still covers (<see cref="SlidingWindowEstimate"/>), stays within the limit.
/// One statement per request, one round trip: the upsert that counts only while the limit allows (the row lock makes
/// concurrent requests of the key, from any instance, count one after another, so exactly the limit get through), the
/// removal of the key's older windows, and the counts a refusal's Retry-After is worked out from. A refused request
/// counts for nothing, as with the in-memory limiter. The removal skips rows another request is removing: it never
/// waits, so two first requests of a new window cannot each hold a row the other waits for.
/// </summary>
public sealed class PostgresApiKeyRateLimiter(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<ApiLimitOptions> options) : IApiKeyRateLimiter
{
    private const string Statement = """
        WITH previous AS (
            SELECT COALESCE((SELECT "Count" FROM "ApiRateWindows" WHERE "KeyId" = $1 AND "WindowStart" = $3), 0) AS count
        ),
        counted AS (
            INSERT INTO "ApiRateWindows" ("KeyId", "WindowStart", "Count")
            SELECT $1, $2, 1 FROM previous WHERE previous.count * $4 + 1 <= $5
            ON CONFLICT ("KeyId", "WindowStart") DO UPDATE SET "Count" = "ApiRateWindows"."Count" + 1
                WHERE "ApiRateWindows"."Count" + 1 + (SELECT count FROM previous) * $4 <= $5
            RETURNING "Count"
        ),
        expired AS (
            DELETE FROM "ApiRateWindows" WHERE ctid IN (
                SELECT ctid FROM "ApiRateWindows" WHERE "KeyId" = $1 AND "WindowStart" < $3 FOR UPDATE SKIP LOCKED)
        )
        SELECT (SELECT "Count" FROM counted),
               COALESCE((SELECT "Count" FROM "ApiRateWindows" WHERE "KeyId" = $1 AND "WindowStart" = $2), 0),
               (SELECT count FROM previous)
        """;

    private readonly WindowLimit limit = options.Value.RateLimit;

    public async ValueTask<RateDecision> AcquireAsync(int keyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var window = limit.Window;
        var current = SlidingWindowEstimate.WindowStart(now, window);
        await using var command = dataSource.CreateCommand(Statement);
        command.Parameters.Add(new NpgsqlParameter { Value = keyId, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = current, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = current - window, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = SlidingWindowEstimate.Weight(now, window), NpgsqlDbType = NpgsqlDbType.Double });
        command.Parameters.Add(new NpgsqlParameter { Value = limit.PermitLimit, NpgsqlDbType = NpgsqlDbType.Integer });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!await reader.IsDBNullAsync(0, cancellationToken))
        {
            return RateDecision.Allow;
        }

        var counts = (Current: reader.GetInt32(1), Previous: reader.GetInt32(2));
        return new RateDecision(false, SlidingWindowEstimate.RetryAfter(now, window, counts.Current, counts.Previous, limit.PermitLimit));
    }
}
