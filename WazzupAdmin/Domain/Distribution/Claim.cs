using WazzupAdmin.Domain.Access;

namespace WazzupAdmin.Domain.Distribution;

/// <summary>What a reply in the chat window does, as <see cref="Claim.OfReply"/> decides it.</summary>
public enum ReplyOutcome
{
    /// <summary>Refused: the user was never shown the client, and learns nothing about them.</summary>
    NoAccess,

    /// <summary>Refused: another rep's first reply claimed the client this rep was offered; they learn who has it now.</summary>
    TakenMeanwhile,

    /// <summary>Refused: the user sees the client but may not write to them (quality control, another rep's client).</summary>
    WriteBlocked,

    /// <summary>Sent; whoever is responsible for the client stays so.</summary>
    Sent,

    /// <summary>Sent, and the reply claims the unclaimed first-responder client offered to this rep.</summary>
    Claimed,
}

/// <summary>
/// The replying user's view of a conversation, read inside the reply's write transaction: what their role allows
/// (<see cref="ChannelAccessRules.For"/>), whether they take part in the distribution of new clients, and who is
/// responsible for the client now.
/// </summary>
public sealed record ReplyView(ConversationPermissions Permissions, ChannelRole Role, bool ReceivesNewClients, string? ResponsibleUserId)
{
    /// <summary>
    /// A rep who takes part in first responder and no longer sees a client someone holds may have been offered it and
    /// lost it to another rep's reply; only then is the <see cref="ClaimHistory"/> worth reading.
    /// </summary>
    public bool MayHaveLostRace =>
        !Permissions.CanSee && ResponsibleUserId is not null && ChannelAccessRules.IsEligibleForNewClients(Role, ReceivesNewClients);
}

/// <summary>
/// What the conversation's assignment history says of a first-responder race: whether the client was once offered
/// unassigned (first responder records its offers so), and whether today's responsible user was made so by an assignment.
/// </summary>
public sealed record ClaimHistory(bool OfferedUnassigned, bool AssignedToResponsible);

/// <summary>
/// The first reply that claims a new client, and who lost the race to it. Of two simultaneous first replies the one
/// that writes first claims the client and clears the offers; the other, decided afterwards on what is committed, finds
/// the client held by someone else, and the history tells it lost a race rather than asking for a stranger's client.
/// </summary>
public static class Claim
{
    public static ReplyOutcome OfReply(ReplyView view, ClaimHistory? history)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!view.Permissions.CanSee)
        {
            return LostRace(view, history) ? ReplyOutcome.TakenMeanwhile : ReplyOutcome.NoAccess;
        }

        if (!view.Permissions.CanWrite)
        {
            return ReplyOutcome.WriteBlocked;
        }

        return view.Permissions.CanClaim ? ReplyOutcome.Claimed : ReplyOutcome.Sent;
    }

    /// <summary>Whether another rep's first reply took the client from under this one, who was offered it too.</summary>
    public static bool LostRace(ReplyView view, ClaimHistory? history)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.MayHaveLostRace && history is { OfferedUnassigned: true, AssignedToResponsible: true };
    }

    /// <summary>
    /// Whether a message the CRM sends as <paramref name="authorId"/> claims the client, as a reply from the chat window
    /// would: the client is unclaimed and offered to that user.
    /// </summary>
    public static bool ByCrmMessage(string? authorId, ConversationOwnership conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return authorId is not null && conversation.IsUnassigned && conversation.OfferedTo.Contains(authorId, StringComparer.Ordinal);
    }

    /// <summary>
    /// Why <paramref name="claimerId"/> is responsible: they replied first, and the client was offered to the others by
    /// their ids' order; a user whose name is unknown is named by their id.
    /// </summary>
    public static AssignmentReason Reason(string claimerId, IEnumerable<string> offeredTo, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(offeredTo);
        ArgumentNullException.ThrowIfNull(names);
        return AssignmentReason.Claimed(
            names.GetValueOrDefault(claimerId, claimerId),
            [.. offeredTo.Order(StringComparer.Ordinal).Select(id => names.GetValueOrDefault(id, id))]);
    }
}
