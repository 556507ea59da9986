using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Messages;

namespace WazzupAdmin.Services.Chat;

/// <summary>
/// The signed-in account's CRM user replying in the chat window, and the first reply that claims a new client. Every
/// reply is checked, on the server, against what the user's role on the conversation's channel allows
/// (<see cref="ConversationAccess"/>): a message the user may not write is refused.
/// </summary>
public sealed class ChatReplyService(
    IDbContextFactory<AppDbContext> dbFactory, CurrentCrmUser currentUser, ConversationAccess access, ChatNotifier notifier, TimeProvider clock,
    IOptions<MessageStatusOptions> statusOptions)
{
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

        var me = await currentUser.GetAsync(cancellationToken);
        if (me is null)
        {
            return new SendResult(SendStatus.Refused, Reason: ConversationAccess.NoAccess);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // BEGIN IMMEDIATE: the permission is decided on what is committed when this writer holds the lock, so of two
        // simultaneous first replies exactly one claims the client.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var state = await access.StateAsync(db, conversationId, me.UserId, cancellationToken);
        if (state is null)
        {
            return new SendResult(SendStatus.Refused, Reason: ConversationAccess.NoAccess);
        }

        var outcome = Claim.OfReply(state.View, await ConversationAccess.ClaimHistoryAsync(db, conversationId, state.View, cancellationToken));
        switch (outcome)
        {
            case ReplyOutcome.TakenMeanwhile:
                // The claim cleared the offers, so a rep whose reply lost the race no longer sees the client; they learn
                // who took it. Anyone else asking for a client they were never shown learns nothing about it.
                var owner = await db.CrmUsers.Where(u => u.Id == state.ResponsibleUserId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
                return new SendResult(SendStatus.AlreadyTaken, TakenBy: owner ?? state.ResponsibleUserId);
            case ReplyOutcome.NoAccess:
                return new SendResult(SendStatus.Refused, Reason: ConversationAccess.NoAccess);
            case ReplyOutcome.WriteBlocked:
                return new SendResult(SendStatus.Refused, Reason: ConversationAccess.WriteBlockedReason(state.Role, state.Permissions));
        }

        var claimed = outcome == ReplyOutcome.Claimed;
        var now = clock.GetUtcNow().UtcDateTime;
        var conversation = await db.Conversations.Include(c => c.Offers).FirstAsync(c => c.Id == conversationId, cancellationToken);
        if (claimed)
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
        OfferEnding.Apply(conversation, OfferEndCause.Answered);
        await db.SaveChangesAsync(cancellationToken);
        await Webhooks.WebhookEvents.SentAsync(db, conversationId, claimed, reply, me.Name, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        notifier.Publish(new ChatEvent(claimed ? ChatEventKind.Claimed : ChatEventKind.NewMessage, conversation.ChannelId, conversationId));
        return new SendResult(SendStatus.Sent);
    }

    /// <summary>
    /// A first responder's claim: the contact's and the new deal's responsible user become <paramref name="userId"/>
    /// and the other reps lose the chat. The conversation must be tracked with its offers.
    /// </summary>
    internal static async Task ClaimAsync(AppDbContext db, Conversation conversation, string userId, DateTime now, CancellationToken cancellationToken)
    {
        await ClientHandover.ApplyAsync(db, conversation, new Handover(null, userId, HandoverKind.Claimed), cancellationToken);

        var offeredTo = conversation.Offers.Select(o => o.UserId).ToList();
        var named = offeredTo.Append(userId).ToList();
        var names = await db.CrmUsers.AsNoTracking().Where(u => named.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        OfferEnding.Apply(conversation, OfferEndCause.Claimed);
        db.Assignments.Add(new Assignment
        {
            ConversationId = conversation.Id,
            ChannelId = conversation.ChannelId,
            UserId = userId,
            AtUtc = now,
        }.Because(Claim.Reason(userId, offeredTo, names)));
    }
}
