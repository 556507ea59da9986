using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Accounts;

namespace WazzupAdmin.Services.Chat;

/// <summary>
/// What the signed-in user may see and write of a conversation, decided on the server for every read and reply of the
/// chat window: the user's role on the conversation's channel, narrowed to the session's scope.
/// <para>
/// Scope card: a session opened by a chat link with scope card sees only the conversations of the contacts that have
/// one of the link's chats, whatever the user's role would show. Every read and write of a conversation goes through
/// <see cref="VisibleAsync"/> or <see cref="StateAsync"/>, which apply it on top of the role rules.
/// </para>
/// </summary>
public sealed class ConversationAccess(CurrentActor currentActor)
{
    public const string QualityControlCannotWrite = "Quality control cannot write.";
    public const string BelongsToAnotherRep = "This client belongs to another sales rep.";
    public const string NoAccess = "You have no access to this channel.";

    internal sealed record ConversationState(
        string ContactId, string? ResponsibleUserId, ChannelRole Role, bool ReceivesNewClients, ConversationPermissions Permissions)
    {
        public ReplyView View => new(Permissions, Role, ReceivesNewClients, ResponsibleUserId);
    }

    /// <summary>The conversations the user sees by their roles, narrowed to the session's scope.</summary>
    internal async Task<IQueryable<Conversation>> VisibleAsync(AppDbContext db, string userId, CancellationToken cancellationToken) =>
        InScope(await ConversationVisibility.VisibleToAsync(db, userId, cancellationToken), await ScopedContactIdsAsync(db, cancellationToken));

    /// <returns>The conversation's state for the user; null when it does not exist or lies outside the session's scope.</returns>
    internal async Task<ConversationState?> StateAsync(AppDbContext db, long conversationId, string userId, CancellationToken cancellationToken) =>
        await LoadStateAsync(db, conversationId, userId, cancellationToken) is { } state
        && InScope(state.ContactId, await ScopedContactIdsAsync(db, cancellationToken))
            ? state
            : null;

    /// <summary>
    /// The conversation's <see cref="ClaimHistory"/>, read only when the view says the user may have lost a first
    /// responder's race: the offer is recorded unassigned, the claim as an assignment to today's responsible.
    /// </summary>
    internal static async Task<ClaimHistory?> ClaimHistoryAsync(AppDbContext db, long conversationId, ReplyView view, CancellationToken cancellationToken) =>
        view.MayHaveLostRace
            ? new ClaimHistory(
                await db.Assignments.AnyAsync(a => a.ConversationId == conversationId && a.UserId == null, cancellationToken),
                await db.Assignments.AnyAsync(a => a.ConversationId == conversationId && a.UserId == view.ResponsibleUserId, cancellationToken))
            : null;

    internal static string? WriteBlockedReason(ChannelRole role, ConversationPermissions permissions) => permissions.CanWrite
        ? null
        : role switch
        {
            ChannelRole.QualityControl => QualityControlCannotWrite,
            ChannelRole.SalesRep => BelongsToAnotherRep,
            _ => NoAccess,
        };

    private static async Task<ConversationState?> LoadStateAsync(AppDbContext db, long conversationId, string userId, CancellationToken cancellationToken)
    {
        var row = await StateRowOf.For(db)(db, conversationId, userId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var role = row.Role ?? ChannelRole.NoAccess;
        var permissions = ChannelAccessRules.For(userId, role, new ConversationOwnership(row.ResponsibleUserId, row.Offers));
        return new ConversationState(row.ContactId, row.ResponsibleUserId, role, row.ReceivesNewClients ?? false, permissions);
    }

    /// <summary>The conversation's contact, its responsible user and offers, and the user's role on its channel (null: none).</summary>
    private sealed record StateRow(string ContactId, string? ResponsibleUserId, List<string> Offers, ChannelRole? Role, bool? ReceivesNewClients);

    // Compiled once: every read and reply of an open conversation asks it.
    private static readonly CompiledQuery<Func<AppDbContext, long, string, CancellationToken, Task<StateRow?>>> StateRowOf = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, long conversationId, string userId, CancellationToken cancellationToken) => db.Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId)
            .Select(c => new StateRow(
                c.ContactId,
                c.Contact!.ResponsibleUserId,
                c.Offers.Select(o => o.UserId).ToList(),
                db.ChannelAccess.Where(a => a.ChannelId == c.ChannelId && a.CrmUserId == userId).Select(a => (ChannelRole?)a.Role).FirstOrDefault(),
                db.ChannelAccess.Where(a => a.ChannelId == c.ChannelId && a.CrmUserId == userId).Select(a => (bool?)a.ReceivesNewClients).FirstOrDefault()))
            .FirstOrDefault()));

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
}
