using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Messages;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Webhooks;

namespace WazzupAdmin.Services.Messages;

/// <summary>
/// Edits and deletions of sent messages: only the console's own outgoing messages, within the time the messenger allows,
/// with the webhook telling the CRM what the message said before.
/// </summary>
public sealed partial class CrmMessageService
{
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
        if (OutsideWindow(MessageRules.EditWindow(transport), "edited", MessageErrors.NoEditing, MessageErrors.EditingTimeExpired, transport, message, now, messageId) is { } closed)
        {
            return closed;
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
        if (OutsideWindow(MessageRules.DeleteWindow(transport), "deleted", MessageErrors.NoDeletion, MessageErrors.DeletionTimeExpired, transport, message, now, messageId) is { } closed)
        {
            return closed;
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

    /// <summary>
    /// The refusal when the messenger never lets a sent message be <paramref name="done"/> (no window), or when its
    /// window has passed since the message was sent; null while the window is open.
    /// </summary>
    private static MessageOutcome? OutsideWindow(
        TimeSpan? window, string done, string neverCode, string expiredCode, Transport transport, Message message, DateTime now, string messageId)
    {
        if (window is not { } open)
        {
            return MessageOutcome.Refused(StatusCodes.Status400BadRequest, neverCode,
                $"{transport.DisplayName()} does not let a sent message be {done}.", new { messageId });
        }

        return now - message.SentAtUtc > open
            ? MessageOutcome.Refused(StatusCodes.Status400BadRequest, expiredCode,
                $"A message on {transport.DisplayName()} can be {done} for {Describe(open)} after it was sent.", new { messageId })
            : null;
    }

    private static string Describe(TimeSpan window) => window.TotalHours >= 1 ? $"{window.TotalHours:0} hours" : $"{window.TotalMinutes:0} minutes";
}
