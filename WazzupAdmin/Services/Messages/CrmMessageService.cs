using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Messages;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Webhooks;

namespace WazzupAdmin.Services.Messages;

/// <summary>
/// Messages the CRM sends, edits and deletes through the API. The CRM holding a key is trusted as the real product
/// trusts it: it may write to any client of any channel, as the CRM user it names or as the integration itself; the
/// channel's state, the chat and the message's own rules are what can refuse it. Each change is one transaction with
/// its webhook events, and the open chat windows hear of it after the commit.
/// </summary>
public sealed partial class CrmMessageService(
    IDbContextFactory<AppDbContext> dbFactory, ChatNotifier notifier, TimeProvider clock, IOptions<MessageStatusOptions> statusOptions)
{
    // An unknown template's refusal names the request field at fault in its data.fields.
    private static readonly string[] TemplateIdField = ["templateId"];

    public async Task<MessageOutcome> SendAsync(SendMessageCommand command, CancellationToken cancellationToken = default)
    {
        if (Malformed(command) is { } malformed)
        {
            return malformed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channel = await db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.ChannelId, cancellationToken);
        if (channel is null)
        {
            return MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.ChannelNotFound,
                $"There is no channel {command.ChannelId} in this workspace.", new { channelId = command.ChannelId });
        }

        var chatType = command.ChatType!.Trim();
        if (!OutgoingMessageCheck.ChatTypeFits(channel.Transport, chatType))
        {
            return MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.WrongTransport,
                $"You can't send message to {chatType} chat from {channel.Transport.ApiName()} transport.",
                new { channelId = channel.Id, transport = channel.Transport.ApiName(), chatType });
        }

        if (ChannelRefusal(channel) is { } unavailable)
        {
            return unavailable;
        }

        var (text, contentUri) = (command.Text, command.ContentUri?.Trim());
        if (!string.IsNullOrWhiteSpace(command.TemplateId))
        {
            var templateOutcome = await TemplateTextAsync(db, channel, command, cancellationToken);
            if (templateOutcome.Refusal is not null)
            {
                return new MessageOutcome(null, templateOutcome.Refusal);
            }

            text = templateOutcome.Text;
        }

        if (ContentRefusal(channel.Transport, text, contentUri, editing: false) is { } badContent)
        {
            return badContent;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (command.CrmMessageId is { Length: > 0 } crmMessageId
            && await db.Messages.AnyAsync(m => m.CrmMessageId == crmMessageId, cancellationToken))
        {
            return MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.RepeatedCrmMessageId,
                "You have already sent message with same crmMessageId", new { crmMessageId });
        }

        var chat = await FindChatAsync(db, channel, command, cancellationToken);
        if (chat is null)
        {
            return MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.ChatNoAccess,
                $"No client with {chatType} chat {Described(command)} has written to this workspace or is among the CRM's contacts, so there is no chat to write to.",
                new { channelId = channel.Id, chatType, chatId = command.ChatId, username = command.Username, phone = command.Phone });
        }

        Guid? quoted = null;
        if (!string.IsNullOrWhiteSpace(command.RefMessageId))
        {
            quoted = Guid.TryParse(command.RefMessageId, out var refId) ? refId : null;
            var found = quoted is { } id && await db.Messages.AnyAsync(
                m => m.PublicId == id && m.ConversationId == db.Conversations
                    .Where(c => c.ChannelId == channel.Id && c.ContactId == chat.ContactId).Select(c => c.Id).FirstOrDefault(),
                cancellationToken);
            if (!found)
            {
                return MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.ReferenceNotFound,
                    $"There is no message {command.RefMessageId} in this chat to quote.", new { refMessageId = command.RefMessageId });
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var author = command.CrmUserId is { Length: > 0 } crmUserId
            ? await db.CrmUsers.AsNoTracking().FirstOrDefaultAsync(u => u.Id == crmUserId, cancellationToken)
            : null;
        var conversation = await db.Conversations.Include(c => c.Offers)
            .FirstOrDefaultAsync(c => c.ChannelId == channel.Id && c.ContactId == chat.ContactId, cancellationToken);
        if (conversation is null)
        {
            // The CRM writes first to a contact it knows: the chat on this channel starts with its message.
            conversation = new Conversation { ChannelId = channel.Id, ContactId = chat.ContactId, CreatedAtUtc = now };
            db.Conversations.Add(conversation);
        }

        // A rep offered an unclaimed first-responder client who replies from the CRM claims it, as from the chat window.
        var claims = Claim.ByCrmMessage(author?.Id, new ConversationOwnership(chat.ResponsibleUserId, [.. conversation.Offers.Select(o => o.UserId)]));
        if (claims)
        {
            await ChatReplyService.ClaimAsync(db, conversation, author!.Id, now, cancellationToken);
        }

        var message = new Message
        {
            Incoming = false,
            AuthorUserId = author?.Id,
            Text = contentUri is null ? text ?? "" : "",
            ContentUri = contentUri,
            SentAtUtc = now,
            Status = MessageStatus.Sent,
            StatusAtUtc = now,
            NextStatusAtUtc = statusOptions.Value.NextAt(MessageStatus.Sent, now),
            CrmMessageId = string.IsNullOrEmpty(command.CrmMessageId) ? null : command.CrmMessageId,
            QuotedMessageId = quoted,
        };
        conversation.Messages.Add(message);
        conversation.LastActivityAtUtc = now;
        conversation.LastMessagePreview = FieldRules.Truncate(contentUri ?? text ?? "", ChatLimits.PreviewLength);
        if (command.ClearUnanswered)
        {
            conversation.Unanswered = false;
        }

        // The responsible rep (or whoever the CRM writes as) answered: the offer timeout stops.
        if (author is not null && (claims || author.Id == chat.ResponsibleUserId))
        {
            OfferEnding.Apply(conversation, OfferEndCause.Answered);
        }

        await db.SaveChangesAsync(cancellationToken);
        await WebhookEvents.SentAsync(db, conversation.Id, claimed: claims, message, author?.Name, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        notifier.Publish(new ChatEvent(claims ? ChatEventKind.Claimed : ChatEventKind.NewMessage, channel.Id, conversation.Id));
        return MessageOutcome.Done(new MessageReceipt(message.PublicId, chat.ChatId));
    }

    private sealed record ChatFound(string ContactId, string? ResponsibleUserId, string ChatId);

    /// <summary>
    /// The client the message goes to: the contact holding the chat (by chatId, or on Telegram by username or phone).
    /// Null when no client has that chat.
    /// </summary>
    private static async Task<ChatFound?> FindChatAsync(AppDbContext db, Channel channel, SendMessageCommand command, CancellationToken cancellationToken)
    {
        var stored = StoredChatType(channel.Transport);
        string? Normalized(string? given, Func<string, IdentifierCheck> check) =>
            string.IsNullOrWhiteSpace(given) ? null : check(given) is { IsValid: true } valid ? valid.Normalized : given.Trim();
        var key = new ChatKey(
            stored,
            Normalized(command.ChatId, given => ChannelIdentifier.CheckClient(channel.Transport, given)),
            Normalized(command.Username, ChannelIdentifier.CheckTelegramUsername),
            Normalized(command.Phone, ChannelIdentifier.CheckPhoneDigits));
        var chats = await db.ContactChats.MatchingAsync([key], cancellationToken);
        // By id first, then by username, then by phone, as a client writing is matched.
        var ordered = chats.OrderBy(c => key.ChatId is not null && (c.ChatId == key.ChatId || c.Username == key.ChatId) ? 0
            : key.Username is not null && (c.Username == key.Username || c.ChatId == key.Username) ? 1 : 2).ToList();
        foreach (var chat in ordered)
        {
            var holder = await db.Contacts.AsNoTracking().Where(c => c.Id == chat.ContactId && c.DeletedAtUtc == null)
                .Select(c => new ChatFound(c.Id, c.ResponsibleUserId, chat.ChatId ?? chat.Username ?? chat.Phone ?? ""))
                .FirstOrDefaultAsync(cancellationToken);
            if (holder is not null)
            {
                return holder;
            }
        }

        return null;
    }

    /// <summary>How contacts store the chat type of a channel's clients: the chat type, not the transport.</summary>
    private static string StoredChatType(Transport transport) => transport.ClientChatType().ApiName();

    private sealed record TemplateText(string? Text, WabaTemplate? Template, MessageRefusal? Refusal);

    /// <summary>A WABA template's body with its variables filled in from templateValues.</summary>
    private static async Task<TemplateText> TemplateTextAsync(AppDbContext db, Channel channel, SendMessageCommand command, CancellationToken cancellationToken)
    {
        var template = Guid.TryParse(command.TemplateId, out var templateGuid)
            ? await db.WabaTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.TemplateGuid == templateGuid && t.ChannelId == channel.Id, cancellationToken)
            : null;
        if (template is null)
        {
            return new(null, null, new MessageRefusal(StatusCodes.Status400BadRequest, MessageErrors.InvalidMessageData,
                $"There is no template {command.TemplateId} on this channel.", new { fields = TemplateIdField }));
        }

        if (template.Status != WabaTemplateStatuses.Approved)
        {
            return new(null, null, new MessageRefusal(StatusCodes.Status400BadRequest, MessageErrors.TemplateRejected,
                $"The template {template.Title} is {template.Status}, not approved.", new { templateId = command.TemplateId, status = template.Status }));
        }

        return new(WabaTemplateText.Fill(template.Body, command.TemplateValues ?? []), template, null);
    }

    private static string Described(SendMessageCommand command) =>
        command.ChatId ?? (command.Username is not null ? $"@{command.Username}" : command.Phone ?? "");
}
