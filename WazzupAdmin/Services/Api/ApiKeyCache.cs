using System.Collections.Concurrent;
using WazzupAdmin.Services.Instances;

namespace WazzupAdmin.Services.Api;

/// <summary>
/// The API keys that authenticated lately, by hash, so that a CRM sending requests back to back costs one lookup of its
/// key every <see cref="Lifetime"/> instead of one a request. Only keys found valid are kept: an unknown key is looked
/// up every time (and throttled by address), so garbage cannot fill the cache.
/// <para>
/// A key revoked through the console is forgotten at once, here and, on PostgreSQL, on the other instances
/// (<paramref name="otherInstances"/>, whose listener calls <see cref="ForgetHere"/>). A key revoked straight in the
/// store, or whose notification was lost while an instance reconnected, is refused within <see cref="Lifetime"/>.
/// </para>
/// </summary>
public sealed class ApiKeyCache(TimeProvider clock, IOtherInstances? otherInstances = null)
{
    /// <summary>How long a key found valid is believed without asking the store again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Entry> byHash = new(StringComparer.Ordinal);
    private long forgotten;

    /// <summary>Changes whenever a key is forgotten; pass what it was before the lookup to <see cref="Remember"/>.</summary>
    public long Generation => Interlocked.Read(ref forgotten);

    /// <returns>The caller of a key found valid less than <see cref="Lifetime"/> ago, or null.</returns>
    public ApiCaller? Find(string hash) =>
        byHash.TryGetValue(hash, out var entry) && clock.GetUtcNow() - entry.CheckedAt < Lifetime ? entry.Caller : null;

    /// <summary>
    /// Keeps a key the store has just found valid, unless a key was forgotten since <paramref name="generation"/>: a
    /// lookup that ran while its key was being revoked must not bring it back.
    /// </summary>
    public void Remember(string hash, ApiCaller caller, long generation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        byHash[hash] = new Entry(caller, clock.GetUtcNow());
        if (Generation != generation)
        {
            byHash.TryRemove(hash, out _);
        }
    }

    /// <summary>The key was revoked here: forgotten here and on the other instances.</summary>
    public void Revoked(int keyId)
    {
        ForgetHere(keyId);
        otherInstances?.ApiKeyRevoked(keyId);
    }

    /// <summary>The key was revoked, here or on another instance: its next request asks the store.</summary>
    public void ForgetHere(int keyId)
    {
        Interlocked.Increment(ref forgotten);
        foreach (var (hash, entry) in byHash)
        {
            if (entry.Caller.KeyId == keyId)
            {
                byHash.TryRemove(hash, out _);
            }
        }
    }

    private sealed record Entry(ApiCaller Caller, DateTimeOffset CheckedAt);
}
