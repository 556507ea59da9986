namespace WazzupAdmin.Domain.Access;

/// <summary>Who a conversation belongs to, as far as the access rules care.</summary>
/// <param name="ResponsibleUserId">The contact's responsible user; null while the client is unassigned.</param>
/// <param name="OfferedTo">Sales reps to whom an unclaimed new client is offered (first responder).</param>
public sealed record ConversationOwnership(string? ResponsibleUserId, IReadOnlyCollection<string> OfferedTo)
{
    public static ConversationOwnership Unassigned { get; } = new(null, []);

    public static ConversationOwnership ResponsibleIs(string userId) => new(userId, []);

    public bool IsUnassigned => ResponsibleUserId is null;
}

/// <summary>What one user may do with one conversation.</summary>
public readonly record struct ConversationPermissions(bool CanSee, bool CanWrite, bool CanClaim)
{
    public static ConversationPermissions None => default;
}

/// <summary>
/// The rules of the roles table in the domain: who sees a channel's conversation and who may write to it.
/// </summary>
public static class ChannelAccessRules
{
    public static ConversationPermissions For(string userId, ChannelRole role, ConversationOwnership conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return role switch
        {
            ChannelRole.Manager => new(CanSee: true, CanWrite: true, CanClaim: false),
            ChannelRole.QualityControl => new(CanSee: true, CanWrite: false, CanClaim: false),
            ChannelRole.SalesRep => ForSalesRep(userId, conversation),
            _ => ConversationPermissions.None,
        };
    }

    private static ConversationPermissions ForSalesRep(string userId, ConversationOwnership conversation)
    {
        if (string.Equals(conversation.ResponsibleUserId, userId, StringComparison.Ordinal))
        {
            return new(CanSee: true, CanWrite: true, CanClaim: false);
        }

        // An unclaimed new client offered to this rep: replying is what claims it.
        var offered = conversation.IsUnassigned && conversation.OfferedTo.Contains(userId, StringComparer.Ordinal);
        return offered ? new(CanSee: true, CanWrite: true, CanClaim: true) : ConversationPermissions.None;
    }

    /// <summary>Takes part in the distribution of new clients: a sales rep with "receives new clients" on.</summary>
    public static bool IsEligibleForNewClients(ChannelRole role, bool receivesNewClients) =>
        role == ChannelRole.SalesRep && receivesNewClients;

    /// <summary>
    /// The role answers the channel's clients (a sales rep their own, a manager any): what a returning client's
    /// responsible user must still have on the channel to count as there.
    /// </summary>
    public static bool AnswersClients(ChannelRole role) => role is ChannelRole.SalesRep or ChannelRole.Manager;

    /// <summary>May make a sales rep responsible for the channel's clients: any administrator, or a manager of the channel.</summary>
    public static bool MayAssign(bool isAdministrator, ChannelRole role) => isAdministrator || role == ChannelRole.Manager;
}
