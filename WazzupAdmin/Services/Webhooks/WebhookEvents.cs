using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Messages;
using WazzupAdmin.Domain.Webhooks;

namespace WazzupAdmin.Services.Webhooks;

/// <summary>
/// The webhook events of the chat and settings use cases, built from what the caller's transaction has saved so far
/// and added to the same context. The caller saves again before committing.
/// </summary>
public static partial class WebhookEvents
{
    public const string ByTurn = "turn";
    public const string ByClaim = "claim";
    public const string ByAssignment = "assignment";

    /// <summary>The rep did not reply within the channel's offer timeout: the client moved on, or went to the managers.</summary>
    public const string ByTimeout = "timeout";

    /// <summary>A returning client's responsible user was gone: the client went to the next rep, or to the managers.</summary>
    public const string ByAbsence = "absence";

    /// <summary>
    /// The events of a client's message, in the order to store them: for a new client (<paramref name="newClientDeal"/>
    /// given) first its contact, its deal and (in turn) its responsible user. The message must have its id.
    /// </summary>
    /// <param name="awaitsFirstReply">
    /// A new first-responder client offered to several reps: the CRM is asked to create the contact and the deal only once
    /// a rep has replied (see <see cref="SentAsync"/>), with that rep responsible, as the real product does.
    /// </param>
    public static IEnumerable<OutboxEvent> Received(
        WebhookSubscriptions subscription, Guid channelId, string chatType, string chatId, Contact contact, Deal? newClientDeal, Message message,
        bool awaitsFirstReply = false) =>
        ReceivedKinds(subscription, channelId, chatType, chatId, contact, newClientDeal, message, awaitsFirstReply).OfType<OutboxEvent>();

    // Null for each kind the subscription leaves out.
    private static IEnumerable<OutboxEvent?> ReceivedKinds(
        WebhookSubscriptions subscription, Guid channelId, string chatType, string chatId, Contact contact, Deal? newClientDeal, Message message,
        bool awaitsFirstReply)
    {
        var now = message.SentAtUtc;
        if (newClientDeal is { } deal)
        {
            if (!awaitsFirstReply)
            {
                yield return CreateContactRequest(subscription, contact, now);
                yield return CreateDealRequest(subscription, contact, deal, now);
            }

            if (contact.ResponsibleUserId is { } responsible)
            {
                yield return WebhookOutbox.Event(subscription, WebhookKinds.ResponsibleChanged, contact.Id,
                    new ResponsibleChangedHook(contact.Id, deal.Id, responsible, null, channelId, ByTurn, now), now);
            }
        }

        yield return WebhookOutbox.Event(subscription, WebhookKinds.Messages, contact.Id,
            new[] { MessageHookOf(message, channelId, chatType, chatId, contact, contact.Name) }, now);
    }

    /// <summary>A reply from the chat window, just saved with its id; a first responder's claim before it.</summary>
    public static async Task SentAsync(
        AppDbContext db, long conversationId, bool claimed, Message reply, string? authorName, CancellationToken cancellationToken)
    {
        if (await FactsAsync(db, conversationId, cancellationToken) is not { } facts)
        {
            return;
        }

        var now = reply.SentAtUtc;
        if (claimed)
        {
            // The CRM creates the new client now that a rep replied, with that rep responsible.
            await AddCreationRequestsAsync(db, facts, now, cancellationToken);

            AddResponsibleChanged(db, facts, previous: null, ByClaim, now);
        }

        var chat = facts.Contact.Chats.FirstOrDefault(c => c.ChatType == facts.ChatType);
        var chatId = chat?.ChatId ?? chat?.Username ?? chat?.Phone ?? "";
        Add(db, WebhookOutbox.Event(facts.Subscription, WebhookKinds.Messages, facts.Contact.Id,
            new[] { MessageHookOf(reply, facts.ChannelId, facts.ChatType, chatId, facts.Contact, authorName) }, now));
        AddStatus(db, facts, reply, reply.Status, now);
    }

    /// <summary>An outgoing message moved on: one <c>statuses</c> webhook per status, in the order given.</summary>
    public static async Task StatusesAsync(
        AppDbContext db, long conversationId, Message message, IEnumerable<(MessageStatus Status, DateTime At)> steps, CancellationToken cancellationToken)
    {
        if (await FactsAsync(db, conversationId, cancellationToken) is not { } facts)
        {
            return;
        }

        foreach (var (status, at) in steps)
        {
            AddStatus(db, facts, message, status, at);
        }
    }

    /// <summary>
    /// A sent message was edited or deleted: the messages webhook again, marked <c>isEdited</c> or <c>isDeleted</c> with
    /// what it said before in <c>oldInfo</c>, and for an edit the status <c>edited</c>.
    /// </summary>
    public static async Task ChangedAsync(
        AppDbContext db, long conversationId, Message message, OldInfoHook before, string? authorName, DateTime now, CancellationToken cancellationToken)
    {
        if (await FactsAsync(db, conversationId, cancellationToken) is not { } facts)
        {
            return;
        }

        var deleted = message.DeletedAtUtc is not null;
        var chatId = facts.Contact.Chats.FirstOrDefault(c => c.ChatType == facts.ChatType)?.ChatId ?? "";
        var hook = MessageHookOf(message, facts.ChannelId, facts.ChatType, chatId, facts.Contact, authorName) with
        {
            IsEdited = deleted ? null : true,
            IsDeleted = deleted ? true : null,
            OldInfo = before,
        };
        Add(db, WebhookOutbox.Event(facts.Subscription, WebhookKinds.Messages, facts.Contact.Id, new[] { hook }, now));
        if (!deleted)
        {
            Add(db, WebhookOutbox.Event(facts.Subscription, WebhookKinds.Statuses, facts.Contact.Id,
                new[] { new StatusHook(message.PublicId.ToString(), Utc(now), "edited") }, now));
        }
    }

    private static void AddStatus(AppDbContext db, Facts facts, Message message, MessageStatus status, DateTime at) =>
        Add(db, WebhookOutbox.Event(facts.Subscription, WebhookKinds.Statuses, facts.Contact.Id,
            new[]
            {
                new StatusHook(message.PublicId.ToString(), Utc(at), status.ApiName())
                {
                    Error = status == MessageStatus.Error
                        ? new StatusErrorHook(message.ErrorCode ?? "UNKNOWN_ERROR", MessageStatusErrors.Describe(message.ErrorCode))
                        : null,
                },
            }, at));

    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);

    /// <summary>An administrator or a manager made someone responsible for the conversation's client.</summary>
    public static async Task AssignedAsync(
        AppDbContext db, long conversationId, string? previousResponsibleUserId, DateTime now, CancellationToken cancellationToken)
    {
        if (await FactsAsync(db, conversationId, cancellationToken) is { } facts)
        {
            // An offered new client given to someone before any rep replied: the CRM creates it now, with them responsible.
            await AddCreationRequestsAsync(db, facts, now, cancellationToken);
            AddResponsibleChanged(db, facts, previousResponsibleUserId, ByAssignment, now);
        }
    }

    /// <summary>An offer timed out and the client moved to another rep or to nobody (the managers).</summary>
    public static async Task TimedOutAsync(
        AppDbContext db, long conversationId, string? previousResponsibleUserId, DateTime now, CancellationToken cancellationToken)
    {
        if (await FactsAsync(db, conversationId, cancellationToken) is { } facts)
        {
            AddResponsibleChanged(db, facts, previousResponsibleUserId, ByTimeout, now);
        }
    }

    /// <summary>A queued client was given to a rep in turn (saved): the CRM learns who is responsible now.</summary>
    public static async Task HandedFromQueueAsync(AppDbContext db, long conversationId, DateTime now, CancellationToken cancellationToken)
    {
        if (await FactsAsync(db, conversationId, cancellationToken) is { } facts && facts.Contact.ResponsibleUserId is not null)
        {
            AddResponsibleChanged(db, facts, previous: null, ByTurn, now);
        }
    }

    /// <summary>A channel's state changed. Its updates are kept in order among themselves (disabled, then active again).</summary>
    public static Task ChannelChangedAsync(AppDbContext db, Channel channel, DateTime now, CancellationToken cancellationToken) =>
        WebhookOutbox.EnqueueAsync(db, WebhookKinds.ChannelsUpdates, $"channel:{channel.Id}",
            new[] { new ChannelUpdateHook(channel.Id, channel.Transport.ApiName(), channel.PlainId, channel.Name, channel.State.ApiName(), DateTime.SpecifyKind(now, DateTimeKind.Utc)) },
            now, cancellationToken);

    private sealed record Facts(WebhookSubscriptions Subscription, Guid ChannelId, string ChatType, Contact Contact, Deal? Deal);

    /// <summary>The conversation's channel, contact and deal as saved so far; null while nobody subscribed.</summary>
    private static async Task<Facts?> FactsAsync(AppDbContext db, long conversationId, CancellationToken cancellationToken)
    {
        if (await WebhookOutbox.SubscriptionAsync(db, cancellationToken) is not { } subscription)
        {
            return null;
        }

        var conversation = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId)
            .Select(c => new { c.ChannelId, c.Channel!.Transport, c.ContactId, c.NewClientDealId })
            .FirstAsync(cancellationToken);
        var contact = await db.Contacts.AsNoTracking().Include(c => c.Chats).FirstAsync(c => c.Id == conversation.ContactId, cancellationToken);
        var deal = conversation.NewClientDealId is null
            ? null
            : await db.Deals.AsNoTracking().FirstOrDefaultAsync(d => d.Id == conversation.NewClientDealId, cancellationToken);
        return new Facts(subscription, conversation.ChannelId, conversation.Transport.ClientChatType().ApiName(), contact, deal);
    }

    private static void AddResponsibleChanged(AppDbContext db, Facts facts, string? previous, string reason, DateTime now) =>
        Add(db, WebhookOutbox.Event(facts.Subscription, WebhookKinds.ResponsibleChanged, facts.Contact.Id,
            new ResponsibleChangedHook(facts.Contact.Id, facts.Deal?.Id, facts.Contact.ResponsibleUserId ?? "", previous, facts.ChannelId, reason, now),
            now));

    private static void Add(AppDbContext db, OutboxEvent? outboxEvent)
    {
        if (outboxEvent is not null)
        {
            db.OutboxEvents.Add(outboxEvent);
        }
    }

    private static MessageHook MessageHookOf(Message message, Guid channelId, string chatType, string chatId, Contact contact, string? author) =>
        new(message.PublicId.ToString(), channelId, chatType, chatId,
            Utc(message.SentAtUtc), MessageType(message), message.Status.ApiName(), message.ContentUri is null ? message.Text : null,
            IsEcho: !message.Incoming, message.AuthorUserId, author, new MessageHookContact(contact.Id, contact.Name))
        {
            ContentUri = message.ContentUri,
            QuotedMessage = message.QuotedMessageId is { } quoted ? new QuotedMessageHook(quoted.ToString(), null, null) : null,
        };

    /// <summary>A text, or for a content link the kind its file name suggests (the console never downloads it).</summary>
    private static string MessageType(Message message) => message.ContentUri is not { } uri
        ? "text"
        : Path.GetExtension(new Uri(uri, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? new Uri(uri).AbsolutePath : uri).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" or ".png" or ".gif" or ".webp" => "image",
            ".mp3" or ".ogg" or ".oga" or ".wav" or ".m4a" => "audio",
            ".mp4" or ".mov" or ".webm" => "video",
            _ => "document",
        };
}
