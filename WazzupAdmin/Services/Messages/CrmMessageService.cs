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
public sealed class CrmMessageService(
    IDbContextFactory<AppDbContext> dbFactory, ChatNotifier notifier, TimeProvider clock, IOptions<MessageStatusOptions> statusOptions)
{
    // The refusals' data.fields, which name the request field at fault.
    private static readonly string[] ContentUriField = ["contentUri"];
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
        if (!ChatTypeFits(channel.Transport, chatType))
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

    public async Task<MessageOutcome> EditAsync(string messageId, EditMessageCommand command, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (found, refusal) = await FindOutgoingAsync(db, messageId, cancellationToken);
        if (refusal is not null)
        {
            return new MessageOutcome(null, refusal);
        }

        var (message, transport, chatId, channelId) = found!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        if (MessageRules.EditWindow(transport) is not { } window)
        {
            return MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.NoEditing,
                $"{transport.DisplayName()} does not let a sent message be edited.", new { messageId });
        }

        if (now - message.SentAtUtc > window)
        {
            return MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.EditingTimeExpired,
                $"A message on {transport.DisplayName()} can be edited for {Describe(window)} after it was sent.", new { messageId });
        }

        var contentUri = command.ContentUri?.Trim();
        if (ContentRefusal(transport, command.Text, contentUri, editing: true) is { } badContent)
        {
            return badContent;
        }

        var before = new OldInfoHook(message.ContentUri is null ? message.Text : null, message.ContentUri);
        message.Text = contentUri is null ? command.Text! : "";
        message.ContentUri = contentUri;
        message.EditedAtUtc = now;
        var author = await AuthorNameAsync(db, command.CrmUserId ?? message.AuthorUserId, cancellationToken);
        await WebhookEvents.ChangedAsync(db, message.ConversationId, message, before, author, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        notifier.Publish(new ChatEvent(ChatEventKind.NewMessage, channelId, message.ConversationId));
        return MessageOutcome.Done(new MessageReceipt(message.PublicId, chatId));
    }

    public async Task<MessageOutcome> DeleteAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (found, refusal) = await FindOutgoingAsync(db, messageId, cancellationToken);
        if (refusal is not null)
        {
            return new MessageOutcome(null, refusal);
        }

        var (message, transport, chatId, channelId) = found!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        if (MessageRules.DeleteWindow(transport) is not { } window)
        {
            return MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.NoDeletion,
                $"{transport.DisplayName()} does not let a sent message be deleted.", new { messageId });
        }

        if (now - message.SentAtUtc > window)
        {
            return MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.DeletionTimeExpired,
                $"A message on {transport.DisplayName()} can be deleted for {Describe(window)} after it was sent.", new { messageId });
        }

        var before = new OldInfoHook(message.ContentUri is null ? message.Text : null, message.ContentUri);
        message.DeletedAtUtc = now;
        // A deleted message is no longer delivered or read: the simulator leaves it where it is.
        message.NextStatusAtUtc = null;
        var author = await AuthorNameAsync(db, message.AuthorUserId, cancellationToken);
        await WebhookEvents.ChangedAsync(db, message.ConversationId, message, before, author, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        notifier.Publish(new ChatEvent(ChatEventKind.NewMessage, channelId, message.ConversationId));
        return MessageOutcome.Done(new MessageReceipt(message.PublicId, chatId));
    }

    /// <summary>The checks that need no store: required fields and their forms, as INVALID_MESSAGE_DATA naming them.</summary>
    private static MessageOutcome? Malformed(SendMessageCommand command)
    {
        var fields = new List<string>();
        if (command.ChannelId is null)
        {
            fields.Add("channelId");
        }

        if (string.IsNullOrWhiteSpace(command.ChatType) || !ChatTypes.TryParseApiName(command.ChatType.Trim(), out _))
        {
            fields.Add("chatType");
        }

        var hasChat = !string.IsNullOrWhiteSpace(command.ChatId);
        var telegram = string.Equals(command.ChatType?.Trim(), ChatType.Telegram.ApiName(), StringComparison.Ordinal);
        if (!hasChat && !(telegram && (!string.IsNullOrWhiteSpace(command.Username) || !string.IsNullOrWhiteSpace(command.Phone))))
        {
            fields.Add("chatId");
        }

        if (command.CrmMessageId is { Length: > 200 })
        {
            fields.Add("crmMessageId");
        }

        if (command.ContentUri is { } uri && !string.IsNullOrWhiteSpace(uri) && !IsHttpUri(uri.Trim()))
        {
            fields.Add("contentUri");
        }

        return fields.Count == 0
            ? null
            : MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.InvalidMessageData,
                $"Message data is invalid: {string.Join(", ", fields)}.", new { fields });
    }

    private static MessageOutcome? ContentRefusal(Transport transport, string? text, string? contentUri, bool editing)
    {
        var hasText = text is not null;
        var hasContent = !string.IsNullOrEmpty(contentUri);
        if (hasText && hasContent)
        {
            return MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.OnlyTextOrContent,
                "A message carries text or contentUri, not both.");
        }

        if (!hasText && !hasContent)
        {
            return MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.NothingToSend,
                editing ? "Send the new text or contentUri." : "Send text or contentUri.");
        }

        if (hasContent && !IsHttpUri(contentUri!))
        {
            return MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.InvalidMessageData,
                "contentUri must be an absolute http or https address.", new { fields = ContentUriField });
        }

        if (hasText && string.IsNullOrWhiteSpace(text))
        {
            return MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.TextCanNotBeBlank, "The text is empty.");
        }

        var (maxLength, code) = MessageRules.TextLimit(transport);
        return hasText && text!.Length > maxLength
            ? MessageOutcome.Refused(StatusCodes.Status400BadRequest, code,
                $"A {transport.DisplayName()} message has at most {maxLength} characters; this one has {text.Length}.",
                new { maxLength, length = text.Length })
            : null;
    }

    /// <summary>The real product's answers for a channel that cannot send right now.</summary>
    private static MessageOutcome? ChannelRefusal(Channel channel) => channel.State switch
    {
        ChannelState.Active => null,
        ChannelState.Disabled => MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.ChannelBlocked,
            $"The channel {channel.Name} is turned off.", new { channelId = channel.Id, state = channel.State.ApiName() }),
        ChannelState.NotEnoughMoney => MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.ChannelNoMoney,
            $"The channel {channel.Name} is not paid.", new { channelId = channel.Id, state = channel.State.ApiName() }),
        _ => MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.ChannelUnavailable,
            $"The channel {channel.Name} is not available ({channel.State.ApiName()}).", new { channelId = channel.Id, state = channel.State.ApiName() }),
    };

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

    /// <summary>Whether a client's chat of <paramref name="chatType"/> can be reached from a channel of <paramref name="transport"/>.</summary>
    private static bool ChatTypeFits(Transport transport, string chatType) =>
        ChatTypes.TryParseApiName(chatType, out var type) && type == transport.ClientChatType();

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

    private static async Task<((Message Message, Transport Transport, string ChatId, Guid ChannelId)? Found, MessageRefusal? Refusal)> FindOutgoingAsync(
        AppDbContext db, string messageId, CancellationToken cancellationToken)
    {
        var message = Guid.TryParse(messageId, out var id)
            ? await db.Messages.FirstOrDefaultAsync(m => m.PublicId == id, cancellationToken)
            : null;
        if (message is null || message.DeletedAtUtc is not null)
        {
            return (null, new MessageRefusal(StatusCodes.Status404NotFound, MessageErrors.MessageNotFound,
                $"There is no message {messageId}.", new { messageId }));
        }

        if (message.Incoming)
        {
            return (null, new MessageRefusal(StatusCodes.Status400BadRequest, MessageErrors.ChatNoAccess,
                "Only messages sent to the client can be edited or deleted, not the client's own.", new { messageId }));
        }

        var facts = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == message.ConversationId)
            .Select(c => new { c.ChannelId, c.Channel!.Transport, c.ContactId })
            .FirstAsync(cancellationToken);
        var stored = StoredChatType(facts.Transport);
        var chatId = await db.ContactChats.AsNoTracking().Where(c => c.ContactId == facts.ContactId && c.ChatType == stored)
            .Select(c => c.ChatId ?? c.Username ?? c.Phone).FirstOrDefaultAsync(cancellationToken) ?? "";
        return ((message, facts.Transport, chatId, facts.ChannelId), null);
    }

    private static async Task<string?> AuthorNameAsync(AppDbContext db, string? userId, CancellationToken cancellationToken) =>
        userId is null ? null : await db.CrmUsers.Where(u => u.Id == userId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);

    private static bool IsHttpUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string Described(SendMessageCommand command) =>
        command.ChatId ?? (command.Username is not null ? $"@{command.Username}" : command.Phone ?? "");

    private static string Describe(TimeSpan window) => window.TotalHours >= 1 ? $"{window.TotalHours:0} hours" : $"{window.TotalMinutes:0} minutes";
}
