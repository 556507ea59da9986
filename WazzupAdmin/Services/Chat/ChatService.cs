using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Messages;

namespace WazzupAdmin.Services.Chat;

/// <summary>
/// The chat window's use cases for the signed-in account's CRM user. Every call checks, on the server, what the
/// user's role on the conversation's channel allows: a request for a conversation the user may not see returns
/// nothing, a message the user may not write is refused.
/// </summary>
public sealed class ChatService(
    IDbContextFactory<AppDbContext> dbFactory, CurrentActor currentActor, ChatNotifier notifier, TimeProvider clock,
    IOptions<MessageStatusOptions> statusOptions, Routing.RepPresence presence)
{
    public const string QualityControlCannotWrite = "Quality control cannot write.";
    public const string BelongsToAnotherRep = "This client belongs to another sales rep.";
    public const string NoAccess = "You have no access to this channel.";

    /// <returns>Null when the account is not linked to a CRM user.</returns>
    public async Task<ChatUser?> CurrentUserAsync(CancellationToken cancellationToken = default)
    {
        var accountId = (await currentActor.GetUserAsync()).FindFirstValue(ClaimTypes.NameIdentifier);
        if (accountId is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CurrentUserAsync(db, accountId, cancellationToken);
    }

    private static Task<ChatUser?> CurrentUserAsync(AppDbContext db, string accountId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking()
            .Where(u => u.Id == accountId && u.CrmUserId != null)
            .Join(db.CrmUsers, u => u.CrmUserId, c => c.Id, (u, c) => new ChatUser(c.Id, c.Name))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// A context for one read use case with its connection opened once: opening a connection through EF registers its
    /// SQLite functions anew each time, which costs more than the chat window's small queries themselves. Null user when
    /// the account is not linked to a CRM user.
    /// </summary>
    private async Task<(AppDbContext Db, ChatUser? Me)> OpenForUserAsync(CancellationToken cancellationToken)
    {
        var accountId = (await currentActor.GetUserAsync()).FindFirstValue(ClaimTypes.NameIdentifier);
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (accountId is null)
        {
            return (db, null);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        return (db, await CurrentUserAsync(db, accountId, cancellationToken));
    }

    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(int take = 200, CancellationToken cancellationToken = default)
    {
        var (db, me) = await OpenForUserAsync(cancellationToken);
        await using var _ = db;
        if (me is null)
        {
            return [];
        }

        var visible = await VisibleInScopeAsync(db, me.UserId, cancellationToken);
        return await visible
            .OrderByDescending(c => c.LastActivityAtUtc).ThenByDescending(c => c.Id)
            .Take(take)
            .Select(Summary)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Whether the signed-in user has said they are away (they receive no new clients on any channel).</summary>
    public async Task<bool> IsAwayAsync(CancellationToken cancellationToken = default)
    {
        var (db, me) = await OpenForUserAsync(cancellationToken);
        await using var _ = db;
        return me is not null
            && await db.CrmUsers.AsNoTracking().AnyAsync(u => u.Id == me.UserId && u.AwaySinceUtc != null, cancellationToken);
    }

    /// <summary>
    /// The signed-in user's own away switch: while it is on they receive no new clients on any channel, whether or not
    /// their chat window is open. Their own clients stay theirs.
    /// </summary>
    public async Task SetAwayAsync(bool away, CancellationToken cancellationToken = default)
    {
        var me = await CurrentUserAsync(cancellationToken);
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

        var visible = await VisibleInScopeAsync(db, me.UserId, cancellationToken);
        return await visible.CountAsync(c => c.Unanswered, cancellationToken);
    }

    /// <returns>Null when the conversation does not exist or the user may not see it.</returns>
    public async Task<ConversationView?> OpenAsync(long conversationId, CancellationToken cancellationToken = default)
    {
        var me = await CurrentUserAsync(cancellationToken);
        if (me is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await LoadStateInScopeAsync(db, conversationId, me.UserId, cancellationToken);
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
            state.Permissions.CanWrite, state.Permissions.CanClaim, WriteBlockedReason(state.Role, state.Permissions));
    }

    /// <summary>
    /// Who took a new client this user was offered and lost to another rep's first reply, as the refused send says;
    /// null for anyone who was never shown the client, or while nobody took it.
    /// </summary>
    public async Task<string?> TakenByAsync(long conversationId, CancellationToken cancellationToken = default)
    {
        var (db, me) = await OpenForUserAsync(cancellationToken);
        await using var _ = db;
        if (me is null || await LoadStateInScopeAsync(db, conversationId, me.UserId, cancellationToken) is not { } state
            || state.Permissions.CanSee || !await LostFirstResponderRaceAsync(db, conversationId, state, cancellationToken))
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
        if (me is null || await LoadStateInScopeAsync(db, conversationId, me.UserId, cancellationToken) is not { Permissions.CanSee: true } state)
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

        var state = await LoadStateInScopeAsync(db, conversationId, me.UserId, cancellationToken);
        if (state is null || !state.Permissions.CanSee)
        {
            return [];
        }

        // From the contact's few deals to their responsible users, not from the user's deals (thousands in a big CRM)
        // to their contacts: written from the contact, the query leads SQLite to start there.
        var deals = await db.Contacts.AsNoTracking()
            .Where(c => c.Id == state.ContactId)
            .SelectMany(c => c.Deals)
            .Where(d => d.ResponsibleUserId == me.UserId)
            .OrderBy(d => d.Closed).ThenBy(d => d.Name)
            .Select(d => new
            {
                d.Id,
                d.Name,
                d.Closed,
                d.Uri,
                d.FunnelId,
                d.StageId,
                CurrentFunnel = db.Funnels.Where(f => f.Id == d.FunnelId).Select(f => f.Name).FirstOrDefault(),
                CurrentStage = db.Stages.Where(s => s.FunnelId == d.FunnelId && s.Id == d.StageId).Select(s => s.Name).FirstOrDefault(),
                d.FunnelName,
                d.StageName,
            })
            .ToListAsync(cancellationToken);
        return
        [
            .. deals.Select(d => new DealLink(d.Id, d.Name, d.Closed, d.Uri,
                Crm.DealStage.From(d.FunnelId, d.StageId, d.CurrentFunnel, d.CurrentStage, d.FunnelName, d.StageName))),
        ];
    }

    /// <summary>
    /// Sends a reply. A reply to an unclaimed first-responder client claims it atomically: the contact's and the new
    /// deal's responsible user become the sender and the other reps lose the chat; a reply that loses the race is refused.
    /// </summary>
    public async Task<SendResult> SendAsync(long conversationId, string? text, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new SendResult(SendStatus.Invalid, Reason: "Write a message.");
        }

        if (text.Length > ChatLimits.MessageLength)
        {
            return new SendResult(SendStatus.Invalid, Reason: "A message has at most 4096 characters.");
        }

        var me = await CurrentUserAsync(cancellationToken);
        if (me is null)
        {
            return new SendResult(SendStatus.Refused, Reason: NoAccess);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // BEGIN IMMEDIATE: the permission is decided on what is committed when this writer holds the lock, so of two
        // simultaneous first replies exactly one claims the client.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var state = await LoadStateInScopeAsync(db, conversationId, me.UserId, cancellationToken);
        if (state is null)
        {
            return new SendResult(SendStatus.Refused, Reason: NoAccess);
        }

        if (!state.Permissions.CanSee)
        {
            // The claim cleared the offers, so a rep whose reply lost the race no longer sees the client; they learn who
            // took it. Anyone else asking for a client they were never shown learns nothing about it.
            if (await LostFirstResponderRaceAsync(db, conversationId, state, cancellationToken))
            {
                var owner = await db.CrmUsers.Where(u => u.Id == state.ResponsibleUserId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
                return new SendResult(SendStatus.AlreadyTaken, TakenBy: owner ?? state.ResponsibleUserId);
            }

            return new SendResult(SendStatus.Refused, Reason: NoAccess);
        }

        if (!state.Permissions.CanWrite)
        {
            return new SendResult(SendStatus.Refused, Reason: WriteBlockedReason(state.Role, state.Permissions));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var conversation = await db.Conversations.Include(c => c.Offers).FirstAsync(c => c.Id == conversationId, cancellationToken);
        if (state.Permissions.CanClaim)
        {
            await ClaimAsync(db, conversation, me.UserId, now, cancellationToken);
        }

        var reply = new Message
        {
            Incoming = false, AuthorUserId = me.UserId, Text = text, SentAtUtc = now,
            Status = Domain.Messages.MessageStatus.Sent, StatusAtUtc = now, NextStatusAtUtc = statusOptions.Value.NextAt(Domain.Messages.MessageStatus.Sent, now),
        };
        conversation.Messages.Add(reply);
        conversation.LastActivityAtUtc = now;
        conversation.LastMessagePreview = FieldRules.Truncate(text, ChatLimits.PreviewLength);
        conversation.Unanswered = false;
        // The client has an answer: no offer timeout runs on, and the managers' alert ends.
        EndOfferTimeout(conversation);
        await db.SaveChangesAsync(cancellationToken);
        await Webhooks.WebhookEvents.SentAsync(db, conversationId, claimed: state.Permissions.CanClaim, reply, me.Name, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        notifier.Publish(new ChatEvent(state.Permissions.CanClaim ? ChatEventKind.Claimed : ChatEventKind.NewMessage, conversation.ChannelId, conversationId));
        return new SendResult(SendStatus.Sent);
    }

    /// <summary>
    /// A first responder's claim: the contact's and the new deal's responsible user become <paramref name="userId"/>
    /// and the other reps lose the chat. The conversation must be tracked with its offers.
    /// </summary>
    internal static async Task ClaimAsync(AppDbContext db, Conversation conversation, string userId, DateTime now, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.FirstAsync(c => c.Id == conversation.ContactId, cancellationToken);
        contact.ResponsibleUserId = userId;
        if (conversation.NewClientDealId is not null
            && await db.Deals.FirstOrDefaultAsync(d => d.Id == conversation.NewClientDealId, cancellationToken) is { } deal)
        {
            deal.ResponsibleUserId = userId;
        }

        var offered = conversation.Offers.Select(o => o.UserId).Append(userId).ToList();
        var names = await db.CrmUsers.AsNoTracking().Where(u => offered.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        List<string> offeredTo = [.. conversation.Offers.Select(o => o.UserId).Order(StringComparer.Ordinal).Select(id => names.GetValueOrDefault(id, id))];
        conversation.Offers.Clear();
        EndOfferTimeout(conversation);
        db.Assignments.Add(new Assignment
        {
            ConversationId = conversation.Id,
            ChannelId = conversation.ChannelId,
            UserId = userId,
            AtUtc = now,
        }.Because(Domain.Distribution.AssignmentReason.Claimed(names.GetValueOrDefault(userId, userId), offeredTo)));
    }

    /// <summary>A reply, a claim or an assignment: the offer's timeout stops and the managers' timed-out alert ends.</summary>
    internal static void EndOfferTimeout(Conversation conversation)
    {
        conversation.OfferDueAtUtc = null;
        conversation.OfferTimedOutAtUtc = null;
    }

    private sealed record ConversationState(
        string ContactId, string? ResponsibleUserId, ChannelRole Role, bool ReceivesNewClients, ConversationPermissions Permissions);

    /// <summary>
    /// Whether this user is a rep who takes part in first responder on the channel and the client was claimed by
    /// another rep's first reply: the offer is recorded unassigned, the claim as an assignment to today's responsible.
    /// </summary>
    private static async Task<bool> LostFirstResponderRaceAsync(
        AppDbContext db, long conversationId, ConversationState state, CancellationToken cancellationToken) =>
        ChannelAccessRules.IsEligibleForNewClients(state.Role, state.ReceivesNewClients)
        && state.ResponsibleUserId is not null
        && await db.Assignments.AnyAsync(a => a.ConversationId == conversationId && a.UserId == null, cancellationToken)
        && await db.Assignments.AnyAsync(a => a.ConversationId == conversationId && a.UserId == state.ResponsibleUserId, cancellationToken);

    private static async Task<ConversationState?> LoadStateAsync(AppDbContext db, long conversationId, string userId, CancellationToken cancellationToken)
    {
        var row = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId)
            .Select(c => new
            {
                c.ContactId,
                c.Contact!.ResponsibleUserId,
                Offers = c.Offers.Select(o => o.UserId).ToList(),
                Access = db.ChannelAccess.Where(a => a.ChannelId == c.ChannelId && a.CrmUserId == userId)
                    .Select(a => new { a.Role, a.ReceivesNewClients }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var role = row.Access?.Role ?? ChannelRole.NoAccess;
        var permissions = ChannelAccessRules.For(userId, role, new ConversationOwnership(row.ResponsibleUserId, row.Offers));
        return new ConversationState(row.ContactId, row.ResponsibleUserId, role, row.Access?.ReceivesNewClients ?? false, permissions);
    }

    private static string? WriteBlockedReason(ChannelRole role, ConversationPermissions permissions) => permissions.CanWrite
        ? null
        : role switch
        {
            ChannelRole.QualityControl => QualityControlCannotWrite,
            ChannelRole.SalesRep => BelongsToAnotherRep,
            _ => NoAccess,
        };

    // Scope card: a session opened by a chat link with scope card sees only the conversations of the contacts that have
    // one of the link's chats, whatever the user's role would show. Every read and write of a conversation goes through
    // one of the two methods below, which apply it on top of the role rules.

    /// <summary>The conversations the user sees by their roles, narrowed to the session's scope.</summary>
    private async Task<IQueryable<Conversation>> VisibleInScopeAsync(AppDbContext db, string userId, CancellationToken cancellationToken) =>
        InScope(await ConversationVisibility.VisibleToAsync(db, userId, cancellationToken), await ScopedContactIdsAsync(db, cancellationToken));

    /// <returns>The conversation's state for the user; null when it does not exist or lies outside the session's scope.</returns>
    private async Task<ConversationState?> LoadStateInScopeAsync(AppDbContext db, long conversationId, string userId, CancellationToken cancellationToken) =>
        await LoadStateAsync(db, conversationId, userId, cancellationToken) is { } state
        && InScope(state.ContactId, await ScopedContactIdsAsync(db, cancellationToken))
            ? state
            : null;

    /// <returns>Null when the session is not narrowed; otherwise the contacts it may see.</returns>
    private async Task<IReadOnlySet<string>?> ScopedContactIdsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (ChatScope.CardFilter(await currentActor.GetUserAsync()) is not { } filter)
        {
            return null;
        }

        var chats = await db.ContactChats.MatchingAsync(filter.SelectMany(f => f.Keys()), cancellationToken);
        return chats.Select(x => x.ContactId).ToHashSet(StringComparer.Ordinal);
    }

    private static IQueryable<Conversation> InScope(IQueryable<Conversation> visible, IReadOnlySet<string>? contactIds)
    {
        if (contactIds is null)
        {
            return visible;
        }

        var allowed = contactIds.ToList();
        return visible.Where(c => allowed.Contains(c.ContactId));
    }

    private static bool InScope(string contactId, IReadOnlySet<string>? contactIds) => contactIds is null || contactIds.Contains(contactId);

    private static readonly System.Linq.Expressions.Expression<Func<Conversation, ConversationSummary>> Summary = c =>
        new ConversationSummary(
            c.Id, c.ChannelId, c.Channel!.Transport, c.Channel.Name, c.ContactId, c.Contact!.Name,
            c.LastMessagePreview, c.LastActivityAtUtc, c.Unanswered, c.Contact.ResponsibleUserId == null, c.OfferTimedOutAtUtc != null);
}
