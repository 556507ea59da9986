using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Access;

namespace WazzupAdmin.Services.Chat;

/// <summary>
/// The store's form of the roles table: which conversations a CRM user sees. Shared by the chat window and by the
/// API's unanswered counter, so both count the same clients.
/// </summary>
public static class ConversationVisibility
{
    /// <summary>The conversations a user sees: every one of channels where they are manager or quality control; on
    /// channels where they are a sales rep, their own clients and the unclaimed new clients offered to them.</summary>
    public static async Task<IQueryable<Conversation>> VisibleToAsync(AppDbContext db, string userId, CancellationToken cancellationToken)
    {
        var roles = await db.ChannelAccess.AsNoTracking()
            .Where(a => a.CrmUserId == userId && a.Role != ChannelRole.NoAccess)
            .Select(a => new { a.ChannelId, a.Role })
            .ToListAsync(cancellationToken);
        var everything = roles.Where(r => r.Role is ChannelRole.Manager or ChannelRole.QualityControl).Select(r => r.ChannelId).ToList();
        var asRep = roles.Where(r => r.Role == ChannelRole.SalesRep).Select(r => r.ChannelId).ToList();
        // A rep's conversations as a list of ids found through the indexes on the contacts' responsible user and on the
        // offers, so that a rep among thousands of a channel's conversations does not join every one of them to its contact.
        var mine = db.Conversations.Where(c => c.Contact!.ResponsibleUserId == userId).Select(c => c.Id)
            .Concat(db.ConversationOffers.Where(o => o.UserId == userId)
                .Where(o => db.Conversations.Any(c => c.Id == o.ConversationId && c.Contact!.ResponsibleUserId == null))
                .Select(o => o.ConversationId));
        return db.Conversations.AsNoTracking().Where(c =>
            everything.Contains(c.ChannelId)
            || (asRep.Contains(c.ChannelId) && mine.Contains(c.Id)));
    }

    /// <summary>
    /// Whether the user's unanswered counter only informs: they see conversations only as quality control, and
    /// answer none of them.
    /// </summary>
    public static Task<bool> CounterIsInformationalAsync(AppDbContext db, string userId, CancellationToken cancellationToken) =>
        db.ChannelAccess.AsNoTracking()
            .Where(a => a.CrmUserId == userId)
            .AllAsync(a => a.Role != ChannelRole.SalesRep && a.Role != ChannelRole.Manager, cancellationToken);
}
