using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Services.Api;

public sealed record ApiKeyRow(int Id, string Name, string Prefix, DateTime CreatedAtUtc, string CreatedBy, DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc)
{
    public bool Revoked => RevokedAtUtc is not null;
}

/// <summary>A key just created: the only time the whole key is known.</summary>
public sealed record CreatedApiKey(ApiKeyRow Row, string Key);

public sealed record ApiKeyCreation(CreatedApiKey? Created, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Created is not null;
}

/// <summary>The key a request authenticated with.</summary>
public sealed record ApiCaller(int KeyId, string KeyName);

/// <summary>
/// API keys: administrators create, list and revoke them; requests are authenticated against their hashes. A key is
/// 256 random bits, so a plain SHA-256 of it is as strong as a slow password hash and costs nothing per request.
/// A key found valid is believed for a few seconds without asking the store again (<see cref="ApiKeyCache"/>).
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<AppDbContext> dbFactory, CurrentActor currentActor, TimeProvider clock, ApiKeyCache cache)
{
    public const int NameLength = 100;
    private const string KeyPrefix = "wz_";

    /// <summary>How stale the stored last-used time may get, so that a busy key does not write on every request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync(cancellationToken);
        return [.. keys.OrderBy(k => k.RevokedAtUtc is not null).ThenByDescending(k => k.CreatedAtUtc).Select(Row)];
    }

    public async Task<ApiKeyCreation> CreateAsync(string? name, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.RequireAdministratorAsync();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return new ApiKeyCreation(null, [new FieldError("Name", "Enter a name, such as the CRM that will use the key.")]);
        }

        if (name.Length > NameLength)
        {
            return new ApiKeyCreation(null, [new FieldError("Name", "At most {0} characters.", [NameLength])]);
        }

        return await IssueAsync(name, actor.Name, cancellationToken);
    }

    /// <summary>
    /// Creates a key without a signed-in administrator, for the <c>create-api-key</c> command that whoever runs the
    /// console on its machine may use (as <c>create-admin</c>).
    /// </summary>
    public async Task<ApiKeyCreation> CreateFromCommandLineAsync(string? name, CancellationToken cancellationToken = default)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return new ApiKeyCreation(null, [new FieldError("Name", "Enter a name, such as the CRM that will use the key.")]);
        }

        return name.Length > NameLength
            ? new ApiKeyCreation(null, [new FieldError("Name", "At most {0} characters.", [NameLength])])
            : await IssueAsync(name, CommandLineCreator, cancellationToken);
    }

    /// <summary>Who the key list says created a key made by the command.</summary>
    public const string CommandLineCreator = "create-api-key (command line)";

    private async Task<ApiKeyCreation> IssueAsync(string name, string createdBy, CancellationToken cancellationToken)
    {
        var key = KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var entity = new ApiKey
        {
            Name = name,
            Prefix = key[..(KeyPrefix.Length + 6)],
            Hash = HashOf(key),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = createdBy,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return new ApiKeyCreation(new CreatedApiKey(Row(entity), key), []);
    }

    /// <returns>False when no such key exists.</returns>
    public async Task<bool> RevokeAsync(int id, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.ApiKeys.Where(k => k.Id == id && k.RevokedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAtUtc, now), cancellationToken);
        if (changed > 0)
        {
            cache.Revoked(id);
        }

        return changed > 0 || await db.ApiKeys.AnyAsync(k => k.Id == id, cancellationToken);
    }

    /// <returns>The caller, or null for an unknown or revoked key.</returns>
    public async Task<ApiCaller?> AuthenticateAsync(string key, CancellationToken cancellationToken = default)
    {
        var hash = HashOf(key);
        if (cache.Find(hash) is { } known)
        {
            return known;
        }

        var generation = cache.Generation;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAtUtc == null)
            .Select(k => new { k.Id, k.Name, k.LastUsedAtUtc })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (found.LastUsedAtUtc is null || now - found.LastUsedAtUtc >= LastUsedResolution)
        {
            await db.ApiKeys.Where(k => k.Id == found.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAtUtc, now), cancellationToken);
        }

        var caller = new ApiCaller(found.Id, found.Name);
        cache.Remember(hash, caller, generation);
        return caller;
    }

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static ApiKeyRow Row(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.CreatedAtUtc, k.CreatedBy, k.LastUsedAtUtc, k.RevokedAtUtc);
}
