using WazzupAdmin.Domain.Distribution;

using WazzupAdmin.Domain.Messages;

namespace WazzupAdmin.Data.Entities;

/// <summary>One client's chat on one channel.</summary>
public sealed class Conversation
{
    public long Id { get; set; }
    public Guid ChannelId { get; set; }
    public Channel? Channel { get; set; }
    public string ContactId { get; set; } = "";
    public Contact? Contact { get; set; }

    /// <summary>The deal created when this client first wrote, whose responsible user follows the contact's on a claim.</summary>
    public string? NewClientDealId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime LastActivityAtUtc { get; set; }
    public string LastMessagePreview { get; set; } = "";

    /// <summary>The client wrote last and nobody has answered yet.</summary>
    public bool Unanswered { get; set; }

    public List<Message> Messages { get; set; } = [];

    /// <summary>
    /// When the offer times out (the channel's offer timeout): in turn, the rep made responsible has not replied by then;
    /// first responder, nobody claimed the client. Null when no timeout runs; a reply, a claim or an assignment ends it.
    /// </summary>
    public DateTime? OfferDueAtUtc { get; set; }

    /// <summary>In turn: how often this client's offer timed out and moved on to the next rep.</summary>
    public int OfferMoves { get; set; }

    /// <summary>When the offer last timed out to the managers (the alert the managers' chat windows show); a reply ends it.</summary>
    public DateTime? OfferTimedOutAtUtc { get; set; }

    /// <summary>Since when the client waits in the channel's queue (nobody could take them); null when not queued.</summary>
    public DateTime? QueuedAtUtc { get; set; }

    /// <summary>Sales reps who see this unclaimed new client until one of them replies (first responder).</summary>
    public List<ConversationOffer> Offers { get; set; } = [];
}

public sealed class Message
{
    public long Id { get; set; }
    public long ConversationId { get; set; }

    /// <summary>True for the client's messages; false for replies written in the chat window.</summary>
    public bool Incoming { get; set; }

    /// <summary>The CRM user who wrote a reply; null for the client's messages.</summary>
    public string? AuthorUserId { get; set; }

    public string Text { get; set; } = "";
    public DateTime SentAtUtc { get; set; }

    /// <summary>The message's id in the API and the webhooks (<c>messageId</c>); the numeric id stays the store's own.</summary>
    public Guid PublicId { get; set; } = Guid.NewGuid();

    /// <summary><see cref="MessageStatus.Inbound"/> for the client's messages; sent, delivered, read or error for replies.</summary>
    public MessageStatus Status { get; set; } = MessageStatus.Inbound;

    public DateTime? StatusAtUtc { get; set; }

    /// <summary>When the simulated messenger reports the next status; null once nothing more comes.</summary>
    public DateTime? NextStatusAtUtc { get; set; }

    /// <summary>Why the messenger refused the message, when <see cref="Status"/> is error.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>The CRM's own id of a message sent through the API, which is never sent twice.</summary>
    public string? CrmMessageId { get; set; }

    /// <summary>A link to the content sent instead of text.</summary>
    public string? ContentUri { get; set; }

    /// <summary>The <see cref="PublicId"/> of the message this one quotes.</summary>
    public Guid? QuotedMessageId { get; set; }

    public DateTime? EditedAtUtc { get; set; }

    /// <summary>Set when the message was deleted for everyone; its text stays for the record but is no longer shown.</summary>
    public DateTime? DeletedAtUtc { get; set; }
}

public sealed class ConversationOffer
{
    public long ConversationId { get; set; }
    public string UserId { get; set; } = "";
}

/// <summary>Who was made responsible for a conversation's client, when, and why — kept with the assignment.</summary>
public sealed class Assignment
{
    public long Id { get; set; }
    public long ConversationId { get; set; }
    public Guid ChannelId { get; set; }

    /// <summary>Null when the client was recorded unassigned, or offered to several reps.</summary>
    public string? UserId { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>
    /// The reason's sentence in English, for whoever reads the raw store; for rows from before reasons were facts, and
    /// could not be read back as one, the only record of it (<see cref="ReasonKind"/> is then <c>Text</c>).
    /// </summary>
    public string Reason { get; set; } = "";

    public AssignmentReasonKind ReasonKind { get; set; }

    /// <summary>See <see cref="AssignmentReason.Actor"/>.</summary>
    public string? ReasonActor { get; set; }

    public string? ReasonPrevious { get; set; }

    /// <summary>See <see cref="AssignmentReason.Names"/>.</summary>
    public List<string> ReasonNames { get; set; } = [];

    /// <summary>
    /// The sales reps routing passed over, each as <c>Reason:Name</c> (a <see cref="Domain.Distribution.Routing.SkipReason"/>
    /// and the rep's name); null when nobody was.
    /// </summary>
    public List<string>? ReasonSkipped { get; set; }

    /// <summary>The facts, as the pages render them in the reader's language.</summary>
    public AssignmentReason Why => new(ReasonKind, ReasonActor, ReasonPrevious, ReasonNames, Reason) { Skipped = SkippedRep.Parse(ReasonSkipped) };

    public const int ReasonLength = 1000;

    public Assignment Because(AssignmentReason reason)
    {
        ReasonKind = reason.Kind;
        ReasonActor = reason.Actor;
        ReasonPrevious = reason.Previous;
        ReasonNames = [.. reason.Names];
        ReasonSkipped = reason.Skipped.Count == 0 ? null : [.. reason.Skipped.Select(s => s.Stored)];
        Reason = Domain.Crm.FieldRules.Truncate(reason.English, ReasonLength);
        return this;
    }
}

/// <summary>
/// One queued client handed to one rep (given in turn, or offered): what the queue's pace per rep per minute counts,
/// across restarts and instances.
/// </summary>
public sealed class QueueHandOutRecord
{
    public long Id { get; set; }
    public Guid ChannelId { get; set; }
    public string UserId { get; set; } = "";
    public DateTime AtUtc { get; set; }
}

/// <summary>The in-turn rotation of one channel: who received the last new client.</summary>
public sealed class ChannelTurn
{
    public Guid ChannelId { get; set; }
    public string? LastAssignedUserId { get; set; }
    public long ClientsDistributed { get; set; }
}
