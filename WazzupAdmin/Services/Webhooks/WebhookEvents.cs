using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Messages;
using WazzupAdmin.Domain.Webhooks;

namespace WazzupAdmin.Services.Webhooks;

/// <summary>A message as the real product posts it in <c>{messages: [...]}</c>.</summary>
public sealed record MessageHook(
    string MessageId, Guid ChannelId, string ChatType, string ChatId, DateTime DateTime, string Type, string Status, string? Text,
    bool IsEcho, string? AuthorId, string? AuthorName, MessageHookContact Contact)
{
    public string? ContentUri { get; init; }

    /// <summary>The message this one quotes.</summary>
    public QuotedMessageHook? QuotedMessage { get; init; }

    public bool? IsEdited { get; init; }
    public bool? IsDeleted { get; init; }

    /// <summary>What an edited or deleted message said before.</summary>
    public OldInfoHook? OldInfo { get; init; }
}

public sealed record QuotedMessageHook(string MessageId, string? Text, string? ContentUri);

public sealed record OldInfoHook(string? Text, string? ContentUri);

/// <summary>One status of an outgoing message, as the real product posts it in <c>{statuses: [...]}</c>.</summary>
public sealed record StatusHook(string MessageId, DateTime Timestamp, string Status)
{
    /// <summary>Why the message was not delivered, when <see cref="Status"/> is <c>error</c>.</summary>
    public StatusErrorHook? Error { get; init; }
}

public sealed record StatusErrorHook(string Error, string Description);

public sealed record MessageHookContact(string Id, string Name);

/// <summary>One chat of a contact, as contacts carry them: <c>username</c> and <c>phone</c> only for Telegram, when known.</summary>
public sealed record ContactDataHook(string ChatType, string? ChatId, string? Username = null, string? Phone = null);

/// <summary>
/// The request to create a new client's contact, as the real product sends it: the CRM creates the contact and answers
/// with it, with its own id. <c>source</c> is <c>auto</c>: the console asks on its own, for a client who wrote.
/// </summary>
public sealed record CreateContactHook(string? ResponsibleUserId, string Name, IReadOnlyList<ContactDataHook> ContactData, string Source);

/// <summary>
/// The request to create a new client's deal, after its contact: <c>contacts</c> holds the CRM's id of the contact.
/// <c>name</c>, <c>pipelineId</c> and <c>stageId</c> (the funnel and stage the channel's settings choose) are additions of this console.
/// </summary>
public sealed record CreateDealHook(
    string? ResponsibleUserId, IReadOnlyList<string> Contacts, string Source, string Name, string? PipelineId, string? StageId);

/// <param name="Reason"><c>turn</c> (in-turn distribution), <c>claim</c> (a first responder replied) or <c>assignment</c> (an administrator or manager).</param>
public sealed record ResponsibleChangedHook(
    string ContactId, string? DealId, string ResponsibleUserId, string? PreviousResponsibleUserId, Guid ChannelId, string Reason, DateTime DateTime);

/// <param name="Timestamp">When the channel's state changed (ISO 8601, UTC).</param>
public sealed record ChannelUpdateHook(Guid ChannelId, string Transport, string PlainId, string Name, string State, DateTime Timestamp);

/// <summary>
/// The webhook events of the chat and settings use cases, built from what the caller's transaction has saved so far
/// and added to the same context. The caller saves again before committing.
/// </summary>
public static class WebhookEvents
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

    /// <summary>The createContact request for a provisional contact, as it stands.</summary>
    public static OutboxEvent? CreateContactRequest(WebhookSubscriptions subscription, Contact contact, DateTime now) =>
        WebhookOutbox.Event(subscription, WebhookKinds.CreateContact, contact.Id,
            new CreateContactHook(contact.ResponsibleUserId, contact.Name, [.. contact.Chats.Select(c => new ContactDataHook(c.ChatType, c.ChatId, c.Username, c.Phone))], SourceAuto),
            now) is { } request
            ? WithSubject(request, contact.Id)
            : null;

    /// <summary>The createDeal request for a provisional deal; its contacts are named again when it is sent, by then the CRM's ids.</summary>
    public static OutboxEvent? CreateDealRequest(WebhookSubscriptions subscription, Contact contact, Deal deal, DateTime now) =>
        WebhookOutbox.Event(subscription, WebhookKinds.CreateDeal, contact.Id, CreateDealBody(deal, [contact.Id]), now) is { } request
            ? WithSubject(request, deal.Id)
            : null;

    public static CreateDealHook CreateDealBody(Deal deal, IReadOnlyList<string> contactIds) =>
        new(deal.ResponsibleUserId, contactIds, SourceAuto, deal.Name, deal.FunnelId, deal.StageId);

    /// <summary>The real product's <c>source</c> of a request it makes on its own, for a client who wrote.</summary>
    public const string SourceAuto = "auto";

    private static OutboxEvent WithSubject(OutboxEvent request, string subjectId)
    {
        request.SubjectId = subjectId;
        return request;
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

    /// <summary>The createContact and createDeal requests of a provisional new client, unless the CRM was asked already.</summary>
    private static async Task AddCreationRequestsAsync(AppDbContext db, Facts facts, DateTime now, CancellationToken cancellationToken)
    {
        if (!facts.Contact.Provisional || facts.Deal is not { Provisional: true } deal
            || await db.OutboxEvents.AnyAsync(e => e.Kind == WebhookKinds.CreateContact && e.SubjectId == facts.Contact.Id, cancellationToken))
        {
            return;
        }

        Add(db, CreateContactRequest(facts.Subscription, facts.Contact, now));
        Add(db, CreateDealRequest(facts.Subscription, facts.Contact, deal, now));
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
