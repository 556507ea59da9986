using System.Collections.Concurrent;

namespace WazzupAdmin.Services.Accounts;

/// <summary>
/// The security stamps that replaced revoked ones, by account, and a signal to the open circuits of those accounts.
/// <para>
/// Signing out, a lockout, a changed CRM link (and a password or role change, through <see cref="AccountSessions"/>)
/// give the account a new security stamp, which Identity only compares every 30 minutes. This registry makes the
/// new stamp known at once: the sign-in cookie of any other browser is rejected on its next request, and every open
/// circuit of the account is told to end its session. What the registry does not see (a change made straight in the
/// store) the per-call check of <see cref="SessionGuard"/> still catches. One entry per account at most. On PostgreSQL
/// the other instances are told too (<paramref name="otherInstances"/>), and their listener calls
/// <see cref="RevokeHere"/>.
/// </para>
/// </summary>
public sealed class SessionRevocations(Instances.IOtherInstances? otherInstances = null)
{
    private readonly ConcurrentDictionary<string, string> currentStamps = new(StringComparer.Ordinal);

    /// <summary>Raised with the account id whenever its sessions are ended.</summary>
    public event Action<string>? Revoked;

    public void Revoke(string accountId, string currentStamp)
    {
        RevokeHere(accountId, currentStamp);
        otherInstances?.SessionsEnded(accountId, currentStamp);
    }

    /// <summary>Sessions ended by another instance: known here, not told on.</summary>
    public void RevokeHere(string accountId, string currentStamp)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        currentStamps[accountId] = currentStamp;
        Revoked?.Invoke(accountId);
    }

    /// <summary>True when a session carrying <paramref name="stamp"/> was ended since it began.</summary>
    public bool IsRevoked(string accountId, string? stamp) =>
        currentStamps.TryGetValue(accountId, out var current) && !string.Equals(current, stamp, StringComparison.Ordinal);
}
