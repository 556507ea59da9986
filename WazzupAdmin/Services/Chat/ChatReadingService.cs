using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Accounts;

namespace WazzupAdmin.Services.Chat;

/// <summary>
/// What the chat window shows the signed-in account's CRM user: the conversation list, an open conversation, its
/// contact and deals, the counters. Every call checks, on the server, what the user's role on the conversation's
/// channel allows (<see cref="ConversationAccess"/>): a request for a conversation the user may not see returns nothing.
/// </summary>
public sealed class ChatReadingService(IDbContextFactory<AppDbContext> dbFactory, CurrentCrmUser currentUser, ConversationAccess access)
{
    /// <summary>
    /// A context for one read use case with its connection opened once: opening a connection through EF registers its
    /// SQLite functions anew each time, which costs more than the chat window's small queries themselves. Null user when
    /// the account is not linked to a CRM user.
    /// </summary>
    private async Task<(AppDbContext Db, ChatUser? Me)> OpenForUserAsync(CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return (db, await currentUser.GetAsync(db, cancellationToken));
    }

    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(int take = 200, CancellationToken cancellationToken = default)
    {
        var (db, me) = await OpenForUserAsync(cancellationToken);
        await using var _ = db;
        if (me is null)
        {
            return [];
        }

        var visible = await access.VisibleAsync(db, me.UserId, cancellationToken);
        return await visible
            .OrderByDescending(c => c.LastActivityAtUtc).ThenByDescending(c => c.Id)
            .Take(take)
            .Select(Summary)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The channels whose every conversation the user sees: where they are manager or quality control.</summary>
    public async Task<IReadOnlySet<Guid>> WholeChannelsAsync(CancellationToken cancellationToken = default)
    {
        var (db, me) = await OpenForUserAsync(cancellationToken);
        await using var _ = db;
        if (me is null)
        {
            return new HashSet<Guid>();
        }

        var channels = await db.ChannelAccess.AsNoTracking()
            .Where(a => a.CrmUserId == me.UserId && (a.Role == ChannelRole.Manager || a.Role == ChannelRole.QualityControl))
            .Select(a => a.ChannelId)
            .ToListAsync(cancellationToken);
        return channels.ToHashSet();
    }

    /// <summary>The number of unanswered clients the domain counts for this user (see the domain's counters).</summary>
    public async Task<int> UnansweredCountAsync(CancellationToken cancellationToken = default)
    {
        var (db, me) = await OpenForUserAsync(cancellationToken);
        await using var _ = db;
        if (me is null)
        {
            return 0;
        }

        var visible = await access.VisibleAsync(db, me.UserId, cancellationToken);
        return await visible.CountAsync(c => c.Unanswered, cancellationToken);
    }

    /// <returns>Null when the conversation does not exist or the user may not see it.</returns>
    public async Task<ConversationView?> OpenAsync(long conversationId, CancellationToken cancellationToken = default)
    {
        var me = await currentUser.GetAsync(cancellationToken);
        if (me is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await access.StateAsync(db, conversationId, me.UserId, cancellationToken);
        if (state is null || !state.Permissions.CanSee)
        {
            return null;
        }

        var summary = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId).Select(Summary).FirstAsync(cancellationToken);
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId)
            .OrderBy(m => m.Id)
            .Select(m => new
            {
                m.Id,
                m.Incoming,
                Author = m.Incoming ? summary.ContactName : db.CrmUsers.Where(u => u.Id == m.AuthorUserId).Select(u => u.Name).FirstOrDefault(),
                m.Text,
                m.SentAtUtc,
                m.Status,
                m.ContentUri,
                m.EditedAtUtc,
                m.DeletedAtUtc,
                m.ErrorCode,
                m.AuthorUserId,
            })
            .ToListAsync(cancellationToken);
        var responsibleName = state.ResponsibleUserId is null
            ? null
            : await db.CrmUsers.Where(u => u.Id == state.ResponsibleUserId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
        return new ConversationView(
            summary, state.Role, responsibleName,
            [.. messages.Select(m => new ChatMessageView(m.Id, m.Incoming, m.Author ?? "", m.DeletedAtUtc is null ? m.Text : "", m.SentAtUtc)
            {
                Status = m.Status,
                ContentUri = m.DeletedAtUtc is null ? m.ContentUri : null,
                Edited = m.EditedAtUtc is not null,
                Deleted = m.DeletedAtUtc is not null,
                ErrorCode = m.ErrorCode,
                ByIntegration = !m.Incoming && m.AuthorUserId == null,
            })],
            state.Permissions.CanWrite, state.Permissions.CanClaim, ConversationAccess.WriteBlockedReason(state.Role, state.Permissions));
    }

    /// <summary>
    /// Who took a new client this user was offered and lost to another rep's first reply, as the refused send says;
    /// null for anyone who was never shown the client, or while nobody took it.
    /// </summary>
    public async Task<string?> TakenByAsync(long conversationId, CancellationToken cancellationToken = default)
    {
        var (db, me) = await OpenForUserAsync(cancellationToken);
        await using var _ = db;
        if (me is null || await access.StateAsync(db, conversationId, me.UserId, cancellationToken) is not { } state
            || !Claim.LostRace(state.View, await ConversationAccess.ClaimHistoryAsync(db, conversationId, state.View, cancellationToken)))
        {
            return null;
        }

        return await db.CrmUsers.Where(u => u.Id == state.ResponsibleUserId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken)
            ?? state.ResponsibleUserId;
    }

    /// <summary>The open conversation's contact, for the link to its page in the CRM; null when the user may not see it.</summary>
    public async Task<ContactLink?> ContactAsync(long conversationId, CancellationToken cancellationToken = default)
    {
        var (db, me) = await OpenForUserAsync(cancellationToken);
        await using var _ = db;
        if (me is null || await access.StateAsync(db, conversationId, me.UserId, cancellationToken) is not { Permissions.CanSee: true } state)
        {
            return null;
        }

        return await db.Contacts.AsNoTracking().Where(c => c.Id == state.ContactId)
            .Select(c => new ContactLink(c.Id, c.Name, c.Uri))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The deals with this contact in which the current user is responsible, open ones first.</summary>
    public async Task<IReadOnlyList<DealLink>> DealsAsync(long conversationId, CancellationToken cancellationToken = default)
    {
        var (db, me) = await OpenForUserAsync(cancellationToken);
        await using var _ = db;
        if (me is null)
        {
            return [];
        }

        var state = await access.StateAsync(db, conversationId, me.UserId, cancellationToken);
        if (state is null || !state.Permissions.CanSee)
        {
            return [];
        }

        var deals = new List<DealLink>();
        await foreach (var d in DealsOf.For(db)(db, state.ContactId, me.UserId).WithCancellation(cancellationToken))
        {
            deals.Add(new DealLink(d.Id, d.Name, d.Closed, d.Uri,
                Crm.DealStage.From(d.FunnelId, d.StageId, d.CurrentFunnel, d.CurrentStage, d.FunnelName, d.StageName)));
        }

        return deals;
    }

    private sealed record DealRow(
        string Id, string Name, bool Closed, string? Uri, string? FunnelId, string? StageId, string? CurrentFunnel, string? CurrentStage, string? FunnelName, string? StageName);

    // From the contact's few deals to their responsible users, not from the user's deals (thousands in a big CRM) to
    // their contacts: written from the contact, the query leads SQLite to start there. Compiled once: the Deals
    // dropdown asks it each time it opens.
    private static readonly CompiledQuery<Func<AppDbContext, string, string, IAsyncEnumerable<DealRow>>> DealsOf = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, string contactId, string userId) => db.Contacts.AsNoTracking()
            .Where(c => c.Id == contactId)
            .SelectMany(c => c.Deals)
            .Where(d => d.ResponsibleUserId == userId)
            .OrderBy(d => d.Closed).ThenBy(d => d.Name)
            .Select(d => new DealRow(
                d.Id,
                d.Name,
                d.Closed,
                d.Uri,
                d.FunnelId,
                d.StageId,
                db.Funnels.Where(f => f.Id == d.FunnelId).Select(f => f.Name).FirstOrDefault(),
                db.Stages.Where(s => s.FunnelId == d.FunnelId && s.Id == d.StageId).Select(s => s.Name).FirstOrDefault(),
                d.FunnelName,
                d.StageName))));

    private static readonly System.Linq.Expressions.Expression<Func<Conversation, ConversationSummary>> Summary = c =>
        new ConversationSummary(
            c.Id, c.ChannelId, c.Channel!.Transport, c.Channel.Name, c.ContactId, c.Contact!.Name,
            c.LastMessagePreview, c.LastActivityAtUtc, c.Unanswered, c.Contact.ResponsibleUserId == null, c.OfferTimedOutAtUtc != null);
}
