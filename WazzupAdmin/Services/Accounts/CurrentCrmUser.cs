using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Services.Accounts;

/// <summary>
/// The CRM user the signed-in account is linked to, the one on whose behalf the chat use cases run. It is looked up
/// anew on every call, after <see cref="CurrentActor"/> has checked the session still holds, so an account unlinked,
/// locked or signed out elsewhere acts as nobody from its next call on.
/// </summary>
public sealed class CurrentCrmUser(IDbContextFactory<AppDbContext> dbFactory, CurrentActor currentActor)
{
    /// <returns>Null when nobody is signed in or the account is not linked to a CRM user.</returns>
    public async Task<ChatUser?> GetAsync(CancellationToken cancellationToken = default)
    {
        var accountId = AccountId(await currentActor.GetUserAsync());
        if (accountId is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await OfAccountAsync(db, accountId, cancellationToken);
    }

    /// <summary>The same lookup on a context the caller already holds (and may have opened its connection on).</summary>
    public async Task<ChatUser?> GetAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        await OfAsync(db, await currentActor.GetUserAsync(), cancellationToken);

    /// <summary>The CRM user of an account the caller has already resolved; null when it is not linked to one.</summary>
    public static async Task<ChatUser?> OfAsync(AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        AccountId(user) is { } accountId ? await OfAccountAsync(db, accountId, cancellationToken) : null;

    private static string? AccountId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    private static Task<ChatUser?> OfAccountAsync(AppDbContext db, string accountId, CancellationToken cancellationToken) =>
        CrmUserOfAccount.For(db)(db, accountId, cancellationToken);

    // Compiled once: every use case of the chat window asks it first.
    private static readonly CompiledQuery<Func<AppDbContext, string, CancellationToken, Task<ChatUser?>>> CrmUserOfAccount = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, string accountId, CancellationToken cancellationToken) => db.Users.AsNoTracking()
            .Where(u => u.Id == accountId && u.CrmUserId != null)
            .Join(db.CrmUsers, u => u.CrmUserId, c => c.Id, (u, c) => new ChatUser(c.Id, c.Name))
            .FirstOrDefault()));
}
