using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Services.Routing;
using WazzupAdmin.Services.Webhooks;

namespace WazzupAdmin.Services.Chat;

/// <summary>
/// Stores clients' messages, in the order they came, in one transaction: all of them or none. A new client gets a
/// contact and a deal in the channel's funnel and stage and is distributed by the channel's algorithm; a known client's
/// message goes to the contact's responsible user. Within the batch each message sees what the ones before it did: a
/// second message of a new client finds its contact, and each new client of an in-turn channel takes the next turn.
/// The rows are written by <see cref="IncomingRows"/>'s prepared statements; EF Core only reads. The pieces it runs, in
/// order: <see cref="AcceptedMessage"/> checks each message, <see cref="ClientChatMatch"/> finds the client's stored chat,
/// <see cref="NewClientRules"/> distributes a new client, <see cref="ReturningClientHandover"/> moves a returning
/// client whose responsible user is gone.
/// </summary>
internal sealed class IncomingBatch(AppDbContext db, CrmLinkOptions crmLinks, TimeProvider clock, RepPresence presence)
{
    private readonly Dictionary<(string ChatType, string ChatId), Contact> contacts = [];
    private readonly Dictionary<(Guid ChannelId, string ContactId), Conversation> conversations = [];
    private readonly Dictionary<Guid, NewClientRules> rules = [];
    private readonly HashSet<Guid> distributedOn = [];
    private readonly List<Stored> stored = [];
    private IncomingRows rows = default!;
    private WebhookSubscriptions? subscription;
    private bool wroteOutboxEvents;
    private bool queued;

    /// <summary>
    /// The outcome of each message, by position; the events to publish once the caller knows it committed; whether
    /// webhook events were written, for the delivery worker to be woken; whether a client joined a channel's queue, for
    /// the queue to be drained at once if someone can take them after all.
    /// </summary>
    public sealed record Written(IReadOnlyList<ReceiveResult> Results, IReadOnlyList<ChatEvent> Events, bool WroteOutboxEvents = false, bool Queued = false);

    /// <param name="kept">When <paramref name="db"/> is on a connection that stays open across transactions
    /// (<see cref="KeptWriterConnection"/>): its statements, and what the writer's last batch on it read, used while
    /// that still holds. Without it the transaction prepares its own statements and reads everything.</param>
    public static async Task<Written> WriteAsync(
        AppDbContext db, IReadOnlyList<IncomingMessage> messages, CrmLinkOptions crmLinks, TimeProvider clock, RepPresence presence,
        (IncomingRows Rows, WriterMemory Memory)? kept, CancellationToken cancellationToken)
    {
        var batch = new IncomingBatch(db, crmLinks, clock, presence);
        return await batch.WriteAsync(messages, kept, cancellationToken);
    }

    private async Task<Written> WriteAsync(IReadOnlyList<IncomingMessage> messages, (IncomingRows Rows, WriterMemory Memory)? kept, CancellationToken cancellationToken)
    {
        var results = new ReceiveResult[messages.Count];
        var accepted = await AcceptedMessage.CheckAsync(db, messages, results, cancellationToken);
        if (accepted.Count == 0)
        {
            return new Written(results, []);
        }

        // BEGIN IMMEDIATE: writers take turns, so two messages from one new client cannot both create a contact, and
        // concurrent new clients take consecutive turns.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using var prepared = kept is null ? IncomingRows.For(db) : null;
        rows = kept?.Rows.Within(db) ?? prepared!;
        try
        {
            var version = kept is null ? (long?)null : rows.DataVersion();
            if (version is null || !Recall(kept!.Value.Memory, version.Value))
            {
                subscription = await WebhookOutbox.SubscriptionAsync(db, cancellationToken);
            }

            await StoreAsync(accepted, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (version is { } committedOn)
            {
                foreach (var channelRules in rules.Values)
                {
                    channelRules.Routing.CreditsStored();
                }

                kept!.Value.Memory.Keep(rows, committedOn, subscription, rules);
            }
        }
        catch
        {
            // Rolled back at once rather than when the connection closes, which a kept connection does not: until then
            // the transaction would hold the file's write lock and the store's write gate.
            await RollBackAsync(transaction);
            throw;
        }

        var events = new List<ChatEvent>(stored.Count);
        foreach (var item in stored)
        {
            var responsible = item.IsNewClient ? item.Decision!.AssignedTo : item.Contact.ResponsibleUserId;
            var received = new ReceivedMessage(item.Conversation.Id, item.Contact.Id, item.IsNewClient, responsible, item.OfferedTo, item.Decision?.Reason.English);
            results[item.Message.Index] = new ReceiveResult(received, []);
            events.Add(new ChatEvent(item.IsNewClient ? ChatEventKind.NewClient : ChatEventKind.NewMessage, item.Message.Channel.Id, item.Conversation.Id)
            {
                Concerns = [.. item.OfferedTo, .. responsible is null ? Array.Empty<string>() : [responsible], .. item.Lost is null ? Array.Empty<string>() : [item.Lost]],
            });
        }

        return new Written(results, events, wroteOutboxEvents, queued);
    }

    /// <summary>
    /// Takes the subscription and the channels' rules the writer's last batch left, if nothing else wrote since, with the
    /// reps' presence as it is now.
    /// </summary>
    private bool Recall(WriterMemory memory, long version)
    {
        if (!memory.Holds(rows, version))
        {
            return false;
        }

        subscription = memory.Subscription;
        var today = DateOnly.FromDateTime(presence.Now.UtcDateTime);
        foreach (var (channelId, channelRules) in memory.Rules)
        {
            if (channelRules.Routing.ReadOn == today)
            {
                channelRules.Routing.RefreshPresence(presence);
                rules[channelId] = channelRules;
            }
        }

        return true;
    }

    /// <summary>Writes the accepted messages' rows, in order, inside the batch's transaction.</summary>
    private async Task StoreAsync(List<AcceptedMessage> accepted, CancellationToken cancellationToken)
    {
        var knownChats = await ClientChatMatch.KnownChatsAsync(db, accepted, cancellationToken);
        foreach (var message in accepted)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var key = (message.ChatType, message.ChatId);
            if (!contacts.TryGetValue(key, out var contact) && ClientChatMatch.HolderOf(message, knownChats) is { } chat)
            {
                contact = await db.Contacts.AsNoTracking().FirstAsync(c => c.Id == chat.ContactId, cancellationToken);
                contacts[key] = contact;
                ClientChatMatch.Complete(rows, chat, message, knownChats);
            }

            stored.Add(contact is null
                ? await ReceiveFromNewClientAsync(message, now, cancellationToken)
                : await ReceiveFromKnownClientAsync(message, contact, now, cancellationToken));
        }

        foreach (var channelId in distributedOn)
        {
            var channelRules = rules[channelId];
            rows.SaveTurn(channelRules.Turn);
            foreach (var (userId, credit) in channelRules.Routing.ChangedCredits)
            {
                rows.SaveCredit(channelId, userId, credit);
            }
        }
    }

    private static async Task RollBackAsync(IDbContextTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception rollbackFailure) when (rollbackFailure is DbException or InvalidOperationException)
        {
            // The transaction had already ended (its commit failed); the batch's own failure is what the caller hears.
        }
    }

    /// <summary>A stored message; <paramref name="Decision"/> is how its client was distributed, for a new client.</summary>
    private sealed record Stored(AcceptedMessage Message, Contact Contact, Conversation Conversation, DistributionDecision? Decision, IReadOnlyList<string> OfferedTo)
    {
        /// <summary>A returning client's responsible user who was gone and lost them: their window drops the client.</summary>
        public string? Lost { get; init; }

        public bool IsNewClient => Decision is not null;
    }

    private async Task<Stored> ReceiveFromKnownClientAsync(AcceptedMessage message, Contact contact, DateTime now, CancellationToken cancellationToken)
    {
        var key = (message.Channel.Id, contact.Id);
        if (!conversations.TryGetValue(key, out var conversation))
        {
            conversation = await db.Conversations.AsNoTracking().Include(c => c.Offers)
                .FirstOrDefaultAsync(c => c.ChannelId == message.Channel.Id && c.ContactId == contact.Id, cancellationToken);
        }

        Message entry;
        var wasAnswered = conversation is null || !conversation.Unanswered;
        if (conversation is null)
        {
            conversation = new Conversation { ChannelId = message.Channel.Id, ContactId = contact.Id, CreatedAtUtc = now };
            entry = AddIncoming(conversation, message.Incoming.Text, now);
            rows.InsertConversation(conversation);
        }
        else
        {
            entry = AddIncoming(conversation, message.Incoming.Text, now);
            rows.UpdateConversationActivity(conversation);
        }

        // A cap counts unanswered clients: a client of a channel whose rules are at hand who writes again, or for the
        // first time on this channel, counts from now on.
        if (wasAnswered && contact.ResponsibleUserId is { } responsible && rules.TryGetValue(message.Channel.Id, out var atHand))
        {
            atHand.Routing.BecameUnanswered(responsible);
        }

        conversations[key] = conversation;
        rows.InsertMessage(conversation.Id, entry);
        string? lost = null;
        if (message.Channel.ReturningClients != ReturningClientChoice.Wait && contact.ResponsibleUserId is { } holder
            && await ReturningClientHandover.AbsenceAsync(db, presence, message.Channel, holder, now, cancellationToken) is { } absence)
        {
            var channelRules = await RulesAsync(message.Channel, cancellationToken);
            wroteOutboxEvents |= ReturningClientHandover.HandOver(rows, subscription, channelRules, message, contact, conversation, absence, now);
            lost = holder;
        }

        WriteWebhookEvents(message, contact, newClientDeal: null, entry);
        return new Stored(message, contact, conversation, Decision: null, [.. conversation.Offers.Select(o => o.UserId)]) { Lost = lost };
    }

    private async Task<Stored> ReceiveFromNewClientAsync(AcceptedMessage message, DateTime now, CancellationToken cancellationToken)
    {
        var channel = message.Channel;
        var channelRules = await RulesAsync(channel, cancellationToken);
        var (decision, outcome) = channelRules.Distribute(clock.GetUtcNow());
        var (contact, deal) = channelRules.NewRecords(message, decision.AssignedTo, CrmCreatesClients, crmLinks);
        var conversation = new Conversation
        {
            ChannelId = channel.Id,
            Contact = contact,
            ContactId = contact.Id,
            NewClientDealId = deal.Id,
            CreatedAtUtc = now,
            Offers = [.. decision.OfferedTo.Select(userId => new ConversationOffer { UserId = userId })],
        };
        if (decision.AssignedTo is not null || decision.OfferedTo.Count > 0)
        {
            conversation.OfferDueAtUtc = ChannelRoutingState.TimeoutOf(channel).DueAt(new DateTimeOffset(now))?.UtcDateTime;
        }
        else if (outcome == RoutingOutcome.Queued)
        {
            conversation.QueuedAtUtc = now;
            channelRules.QueueWaiting = true;
            queued = true;
        }

        var entry = AddIncoming(conversation, message.Incoming.Text, now);
        rows.InsertContact(contact);
        rows.InsertDeal(deal, [contact.Id]);
        rows.InsertConversation(conversation);
        rows.InsertMessage(conversation.Id, entry);
        rows.InsertAssignment(new Assignment
        {
            ConversationId = conversation.Id,
            ChannelId = channel.Id,
            UserId = decision.AssignedTo,
            AtUtc = now,
        }.Because(decision.Reason));
        WriteWebhookEvents(message, contact, deal, entry, awaitsFirstReply: conversation.Offers.Count > 0);
        contacts[(message.ChatType, message.ChatId)] = contact;
        conversations[(channel.Id, contact.Id)] = conversation;
        return new Stored(message, contact, conversation, decision, decision.OfferedTo);
    }

    private async Task<NewClientRules> RulesAsync(Channel channel, CancellationToken cancellationToken)
    {
        distributedOn.Add(channel.Id);
        if (rules.TryGetValue(channel.Id, out var known))
        {
            return known;
        }

        var loaded = await NewClientRules.LoadAsync(db, channel, presence, cancellationToken);
        rules[channel.Id] = loaded;
        return loaded;
    }

    /// <summary>
    /// Whether the subscribed CRM creates new clients' contacts and deals (contactsAndDealsCreation): then the console's
    /// own records are provisional until it answers. Without it (the demo) the console's records are the demo CRM's own.
    /// </summary>
    private bool CrmCreatesClients => subscription?.Covers(WebhookKinds.CreateContact) == true;

    private void WriteWebhookEvents(AcceptedMessage message, Contact contact, Deal? newClientDeal, Message entry, bool awaitsFirstReply = false)
    {
        if (subscription is null)
        {
            return;
        }

        foreach (var outboxEvent in WebhookEvents.Received(
                     subscription, message.Channel.Id, message.ChatType, message.ChatId, contact, newClientDeal, entry, awaitsFirstReply))
        {
            rows.InsertOutboxEvent(outboxEvent);
            wroteOutboxEvents = true;
        }
    }

    private static Message AddIncoming(Conversation conversation, string text, DateTime now)
    {
        var entry = new Message { Incoming = true, Text = text, SentAtUtc = now };
        conversation.Messages.Add(entry);
        conversation.LastActivityAtUtc = now;
        conversation.LastMessagePreview = FieldRules.Truncate(text, ChatLimits.PreviewLength);
        conversation.Unanswered = true;
        return entry;
    }
}
