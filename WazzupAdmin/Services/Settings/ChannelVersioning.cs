using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;

namespace WazzupAdmin.Services.Settings;

/// <summary>
/// Optimistic concurrency for a channel's settings: a save carries the version its editor loaded, and is refused
/// when someone else has saved the channel since. Everything tracked by the context commits in that one save.
/// </summary>
public static class ChannelVersioning
{
    public static async Task<SaveOutcome> SaveAsync(AppDbContext db, Channel channel, long expectedVersion, CancellationToken cancellationToken)
    {
        var version = db.Entry(channel).Property(c => c.Version);
        version.OriginalValue = expectedVersion;
        version.CurrentValue = expectedVersion + 1;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return SaveOutcome.Saved(channel.Version);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveOutcome.Conflict;
        }
    }
}
