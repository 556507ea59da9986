namespace WazzupAdmin.Services.Accounts;

/// <summary>
/// Serializes password checks per account, so that the lockout counter sees every failed attempt before the next
/// password is checked: 30 simultaneous wrong guesses check at most <c>MaxFailedAccessAttempts</c> passwords, then
/// meet the lock.
/// <para>
/// Identity reads the failure count, checks the password and writes the count back as three steps; parallel attempts
/// would all read the same count and each check a password. One process holds the console (SQLite, a single writer),
/// so an in-process lock is the whole story. The locks are striped by the normalized user name: a fixed number of
/// semaphores, whatever names an attacker invents, and two accounts rarely share one.
/// </para>
/// </summary>
public sealed class SignInGate
{
    private const int Stripes = 64;
    private readonly SemaphoreSlim[] stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<T> RunAsync<T>(string userName, Func<Task<T>> check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(check);
        var key = userName.Trim().ToUpperInvariant();
        var stripe = stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % Stripes)];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            return await check();
        }
        finally
        {
            stripe.Release();
        }
    }
}
