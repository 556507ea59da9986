using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Services.Accounts;

namespace WazzupAdmin.Services.Routing;

/// <summary>
/// The signed-in user's own away switch, from the chat window: while it is on they receive no new clients on any
/// channel, whether or not their chat window is open. Their own clients stay theirs. Each change is told to
/// <see cref="RepPresence"/>, which is how waiting clients and the access page learn of it.
/// </summary>
public sealed class AwayService(IDbContextFactory<AppDbContext> dbFactory, CurrentCrmUser currentUser, TimeProvider clock, RepPresence presence)
{
    /// <summary>Whether the signed-in user has said they are away (they receive no new clients on any channel).</summary>
    public async Task<bool> IsAwayAsync(CancellationToken cancellationToken = default)
    {
        // One opened connection for both queries: opening one through EF registers its SQLite functions anew each time.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var me = await currentUser.GetAsync(db, cancellationToken);
        return me is not null
            && await db.CrmUsers.AsNoTracking().AnyAsync(u => u.Id == me.UserId && u.AwaySinceUtc != null, cancellationToken);
    }

    /// <summary>Turns the signed-in user's away switch on or off; nothing happens when it already is so.</summary>
    public async Task SetAwayAsync(bool away, CancellationToken cancellationToken = default)
    {
        var me = await currentUser.GetAsync(cancellationToken);
        if (me is null)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.CrmUsers.FirstOrDefaultAsync(u => u.Id == me.UserId, cancellationToken);
        if (user is null || (user.AwaySinceUtc is not null) == away)
        {
            return;
        }

        user.AwaySinceUtc = away ? clock.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(cancellationToken);
        presence.Changed(me.UserId);
    }
}
