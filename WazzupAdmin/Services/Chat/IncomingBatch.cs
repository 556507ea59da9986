using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Services.Routing;
using WazzupAdmin.Services.Settings;
using WazzupAdmin.Services.Webhooks;

namespace WazzupAdmin.Services.Chat;

/// <summary>
/// Stores clients' messages, in the order they came, in one transaction: all of them or none. A new client gets a
/// contact and a deal in the channel's funnel and stage and is distributed by the channel's algorithm; a known client's
/// message goes to the contact's responsible user. Within the batch each message sees what the ones before it did: a
/// second message of a new client finds its contact, and each new client of an in-turn channel takes the next turn.
/// The rows are written by <see cref="IncomingRows"/>'s prepared statements; EF Core only reads.
/// </summary>
internal sealed class IncomingBatch(AppDbContext db, IConfiguration configuration, TimeProvider clock, RepPresence presence)
{
    private readonly Dictionary<(string ChatType, string ChatId), Contact> contacts = [];
    private readonly Dictionary<(Guid ChannelId, string ContactId), Conversation> conversations = [];
    private readonly Dictionary<Guid, NewClientRules> rules = [];
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

    public static async Task<Written> WriteAsync(
        AppDbContext db, IReadOnlyList<IncomingMessage> messages, IConfiguration configuration, TimeProvider clock, RepPresence presence,
        CancellationToken cancellationToken)
    {
        var batch = new IncomingBatch(db, configuration, clock, presence);
        return await batch.WriteAsync(messages, cancellationToken);
    }

    private async Task<Written> WriteAsync(IReadOnlyList<IncomingMessage> messages, CancellationToken cancellationToken)
    {
        var results = new ReceiveResult[messages.Count];
        var accepted = await CheckAsync(messages, results, cancellationToken);
        if (accepted.Count == 0)
        {
            return new Written(results, []);
        }

        // BEGIN IMMEDIATE: writers take turns, so two messages from one new client cannot both create a contact, and
        // concurrent new clients take consecutive turns.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using var prepared = IncomingRows.For(db);
        rows = prepared;
        subscription = await WebhookOutbox.SubscriptionAsync(db, cancellationToken);
        var knownChats = await KnownChatsAsync(accepted, cancellationToken);
        foreach (var message in accepted)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var key = (message.ChatType, message.ChatId);
            if (!contacts.TryGetValue(key, out var contact) && HolderOf(message, knownChats) is { } chat)
            {
                contact = await db.Contacts.AsNoTracking().FirstAsync(c => c.Id == chat.ContactId, cancellationToken);
                contacts[key] = contact;
                Complete(chat, message, knownChats);
            }

            stored.Add(contact is null
                ? await ReceiveFromNewClientAsync(message, now, cancellationToken)
                : await ReceiveFromKnownClientAsync(message, contact, now, cancellationToken));
        }

        foreach (var (channelId, channelRules) in rules)
        {
            rows.SaveTurn(channelRules.Turn);
            foreach (var (userId, credit) in channelRules.Routing.ChangedCredits)
            {
                rows.SaveCredit(channelId, userId, credit);
            }
        }

        await transaction.CommitAsync(cancellationToken);

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
    /// A message that passed the checks, with its channel, the client's chat type and normalised chat id, and for
    /// Telegram the username and phone the client writes with.
    /// </summary>
    private sealed record Accepted(int Index, Channel Channel, string ChatType, string ChatId, string? Username, string? Phone, IncomingMessage Incoming)
    {
        public ChatKey Key => new(ChatType, ChatId, Username, Phone);
    }

    /// <summary>A stored message; <paramref name="Decision"/> is how its client was distributed, for a new client.</summary>
    private sealed record Stored(Accepted Message, Contact Contact, Conversation Conversation, DistributionDecision? Decision, IReadOnlyList<string> OfferedTo)
    {
        /// <summary>A returning client's responsible user who was gone and lost them: their window drops the client.</summary>
        public string? Lost { get; init; }

        public bool IsNewClient => Decision is not null;
    }

    /// <summary>
    /// The channel's reps as routing sees them, its rotation and where its new deals go, read once a batch; whether clients
    /// wait in its queue, in which case a new client waits behind them (oldest first) rather than overtaking them.
    /// </summary>
    private sealed record NewClientRules(ChannelRoutingState Routing, ChannelTurn Turn, NewDealStage Stage)
    {
        public bool QueueWaiting { get; set; }
    }

    /// <summary>Where the channel's new deals go, with the names they have now, which the deal keeps.</summary>
    private sealed record NewDealStage(string? FunnelId, string? StageId, string? FunnelName, string? StageName);

    /// <summary>Refuses messages for a missing or disabled channel and malformed client ids; the rest are accepted, in order.</summary>
    private async Task<List<Accepted>> CheckAsync(IReadOnlyList<IncomingMessage> messages, ReceiveResult[] results, CancellationToken cancellationToken)
    {
        var channelIds = messages.Select(m => m.ChannelId).Distinct().ToList();
        var channels = await db.Channels.AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var accepted = new List<Accepted>(messages.Count);
        for (var index = 0; index < messages.Count; index++)
        {
            var message = messages[index];
            if (!channels.TryGetValue(message.ChannelId, out var channel))
            {
                results[index] = IncomingMessageService.Invalid("ChannelId", "This channel does not exist.");
                continue;
            }

            if (channel.State == ChannelState.Disabled)
            {
                results[index] = IncomingMessageService.Invalid("ChannelId", "This channel is disabled and receives no messages.");
                continue;
            }

            if (CheckClient(index, channel, message, results) is { } client)
            {
                accepted.Add(client);
            }
        }

        return accepted;
    }

    /// <summary>
    /// The client's identifiers on the channel's messenger. A Telegram client may write with a username and/or a phone
    /// instead of an id; without an id it is known by its username, or else by its phone, as the console's Telegram
    /// clients always were by username.
    /// </summary>
    private static Accepted? CheckClient(int index, Channel channel, IncomingMessage message, ReceiveResult[] results)
    {
        var chatType = channel.Transport.ClientChatType();
        string? username = null, phone = null;
        if (chatType == ChatType.Telegram)
        {
            if (!string.IsNullOrWhiteSpace(message.Username))
            {
                var check = ChannelIdentifier.CheckTelegramUsername(message.Username);
                if (!check.IsValid)
                {
                    results[index] = IncomingMessageService.Invalid("Username", check.Error!);
                    return null;
                }

                username = check.Normalized;
            }

            if (!string.IsNullOrWhiteSpace(message.Phone))
            {
                var check = ChannelIdentifier.CheckPhoneDigits(message.Phone);
                if (!check.IsValid)
                {
                    results[index] = IncomingMessageService.Invalid("Phone", check.Error!);
                    return null;
                }

                phone = check.Normalized;
            }

            if (string.IsNullOrWhiteSpace(message.ClientId) && (username ?? phone) is { } known)
            {
                return new Accepted(index, channel, chatType.ApiName(), known, username, phone, message);
            }
        }

        var client = ChannelIdentifier.CheckClient(channel.Transport, message.ClientId);
        if (!client.IsValid)
        {
            results[index] = IncomingMessageService.Invalid("ClientId", client.Error!);
            return null;
        }

        return new Accepted(index, channel, chatType.ApiName(), client.Normalized, username, phone, message);
    }

    /// <summary>The stored chats that any of the batch's clients names, by id, username or phone.</summary>
    private async Task<List<ContactChat>> KnownChatsAsync(List<Accepted> accepted, CancellationToken cancellationToken) =>
        await db.ContactChats.MatchingAsync(accepted.Select(m => m.Key), cancellationToken);

    /// <summary>The stored chat of this client: the one with its id first, then the one with its username, then its phone.</summary>
    private static ContactChat? HolderOf(Accepted message, List<ContactChat> known)
    {
        var key = message.Key;
        return known.FirstOrDefault(c => c.ChatType == message.ChatType && c.ChatId == message.ChatId)
            ?? known.FirstOrDefault(c => message.Username is not null && c.ChatType == message.ChatType && c.Username == message.Username)
            ?? known.FirstOrDefault(key.Matches);
    }

    /// <summary>
    /// A chat the CRM gave by username or phone learns the id, username and phone its client writes with, each only
    /// where no other stored chat has that value already (so one identifier still names one contact).
    /// </summary>
    private void Complete(ContactChat chat, Accepted message, List<ContactChat> known)
    {
        var others = known.Where(c => c.ChatType == chat.ChatType && c.Id != chat.Id).ToList();
        bool FreeName(string value) => !others.Any(c => c.ChatId == value || c.Username == value);
        bool FreePhone(string value) => !others.Any(c => c.Phone == value);

        var changed = false;
        if (chat.ChatId is null && FreeName(message.ChatId))
        {
            chat.ChatId = message.ChatId;
            changed = true;
        }

        if (chat.Username is null && message.Username is { } username && FreeName(username))
        {
            chat.Username = username;
            changed = true;
        }

        if (chat.Phone is null && message.Phone is { } phone && FreePhone(phone))
        {
            chat.Phone = phone;
            changed = true;
        }

        if (changed)
        {
            rows.CompleteChat(chat);
        }
    }

    private async Task<Stored> ReceiveFromKnownClientAsync(Accepted message, Contact contact, DateTime now, CancellationToken cancellationToken)
    {
        var key = (message.Channel.Id, contact.Id);
        if (!conversations.TryGetValue(key, out var conversation))
        {
            conversation = await db.Conversations.AsNoTracking().Include(c => c.Offers)
                .FirstOrDefaultAsync(c => c.ChannelId == message.Channel.Id && c.ContactId == contact.Id, cancellationToken);
        }

        Message entry;
        if (conversation is null)
        {
            conversation = new Conversation { ChannelId = message.Channel.Id, ContactId = contact.Id, CreatedAtUtc = now };
            entry = AddIncoming(conversation, message.Incoming.Text, now);
            rows.InsertConversation(conversation);
        }
        else
        {
            var wasAnswered = !conversation.Unanswered;
            entry = AddIncoming(conversation, message.Incoming.Text, now);
            rows.UpdateConversationActivity(conversation);
            // A cap counts unanswered clients: a client of this batch's channel who writes again counts from now on.
            if (wasAnswered && contact.ResponsibleUserId is { } responsible && rules.TryGetValue(message.Channel.Id, out var channelRules))
            {
                channelRules.Routing.BecameUnanswered(responsible);
            }
        }

        conversations[key] = conversation;
        rows.InsertMessage(conversation.Id, entry);
        string? lost = null;
        if (message.Channel.ReturningClients != ReturningClientChoice.Wait && contact.ResponsibleUserId is { } holder
            && await AbsenceAsync(message.Channel, holder, now, cancellationToken) is { } absence)
        {
            await HandOverAsync(message, contact, conversation, absence, now, cancellationToken);
            lost = holder;
        }

        WriteWebhookEvents(message, contact, newClientDeal: null, entry);
        return new Stored(message, contact, conversation, Decision: null, [.. conversation.Offers.Select(o => o.UserId)]) { Lost = lost };
    }

    private async Task<Stored> ReceiveFromNewClientAsync(Accepted message, DateTime now, CancellationToken cancellationToken)
    {
        var channel = message.Channel;
        var channelRules = await RulesAsync(channel, cancellationToken);
        var turn = channelRules.Turn;
        var plan = channelRules.Routing.Plan(turn.LastAssignedUserId, clock.GetUtcNow());
        var reason = channelRules.Routing.ReasonFor(plan, turn.LastAssignedUserId);
        if (channelRules.QueueWaiting && plan.Outcome is RoutingOutcome.Assigned or RoutingOutcome.Offered)
        {
            plan = new RoutingPlan(RoutingOutcome.Queued, null, [], plan.Verdicts, plan.Credits);
            reason = AssignmentReason.QueuedBehindOthers();
        }

        var decision = new DistributionDecision(plan.AssignedTo, plan.OfferedTo, reason);
        channelRules.Routing.Handed(plan);
        if (decision.AssignedTo is not null)
        {
            turn.LastAssignedUserId = decision.AssignedTo;
        }

        turn.ClientsDistributed++;

        var name = string.IsNullOrWhiteSpace(message.Incoming.ClientName) ? message.ChatId : message.Incoming.ClientName.Trim();
        var contact = new Contact
        {
            Id = NewId("c"),
            Name = name,
            ResponsibleUserId = decision.AssignedTo,
            Chats = [new ContactChat { ChatType = message.ChatType, ChatId = message.ChatId, Username = message.Username, Phone = message.Phone }],
            Origin = RecordOrigin.NewClient,
            Provisional = CrmCreatesClients,
        };
        contact.Uri = CrmLinks.RecordUrl(configuration[CrmLinks.ContactUrlTemplateKey], "{contactId}", contact.Id);
        var deal = new Deal
        {
            Id = NewId("d"),
            Name = FieldRules.Truncate($"{name}: {channel.Name}", FieldLimits.DealName),
            ResponsibleUserId = decision.AssignedTo,
            FunnelId = channelRules.Stage.FunnelId,
            StageId = channelRules.Stage.StageId,
            FunnelName = channelRules.Stage.FunnelName,
            StageName = channelRules.Stage.StageName,
            Origin = RecordOrigin.NewClient,
            Contacts = [contact],
            Provisional = CrmCreatesClients,
        };
        deal.Uri = CrmLinks.RecordUrl(configuration[CrmLinks.DealUrlTemplateKey], "{dealId}", deal.Id);
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
        else if (plan.Outcome == RoutingOutcome.Queued)
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

    /// <summary>Why a returning client's responsible user is gone (with their name), or null while they are there.</summary>
    private async Task<(SkipReason Reason, string Name)?> AbsenceAsync(Channel channel, string responsible, DateTime now, CancellationToken cancellationToken)
    {
        var user = await db.CrmUsers.AsNoTracking().Where(u => u.Id == responsible).Select(u => new { u.Name, u.AwaySinceUtc }).FirstOrDefaultAsync(cancellationToken);
        var role = await db.ChannelAccess.AsNoTracking().Where(a => a.ChannelId == channel.Id && a.CrmUserId == responsible)
            .Select(a => (Domain.Access.ChannelRole?)a.Role).FirstOrDefaultAsync(cancellationToken);
        var at = new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc));
        var today = ChannelRoutingState.HoursOf(channel)?.Today(at) ?? DateOnly.FromDateTime(now);
        var dayOff = await db.RepDaysOff.AnyAsync(d => d.CrmUserId == responsible && d.Date == today, cancellationToken);
        var state = new ResponsibleState(
            user is not null,
            role is Domain.Access.ChannelRole.SalesRep or Domain.Access.ChannelRole.Manager,
            user?.AwaySinceUtc is { } away ? new DateTimeOffset(DateTime.SpecifyKind(away, DateTimeKind.Utc)) : null,
            dayOff ? [today] : []);
        return ReturningClients.Absence(state, presence.GracePeriod, today, at) is { } reason ? (reason, user?.Name ?? responsible) : null;
    }

    /// <summary>
    /// The returning client's responsible user is gone: by the channel's choice the client goes to the next rep in turn
    /// who can take them, or (also when nobody can) to the managers, unassigned; recorded with why, and told to the CRM.
    /// </summary>
    private async Task HandOverAsync(
        Accepted message, Contact contact, Conversation conversation, (SkipReason Reason, string Name) gone, DateTime now, CancellationToken cancellationToken)
    {
        var channel = message.Channel;
        var previous = contact.ResponsibleUserId;
        var channelRules = await RulesAsync(channel, cancellationToken);
        string? to = null;
        if (channel.ReturningClients == ReturningClientChoice.NextRep)
        {
            var plan = RoutingPlanner.PlanMove(
                channelRules.Routing.Settings, channelRules.Routing.Reps, channelRules.Turn.LastAssignedUserId ?? previous ?? "", [previous!],
                new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc)));
            if (plan.Outcome == RoutingOutcome.Assigned)
            {
                to = plan.AssignedTo;
                channelRules.Turn.LastAssignedUserId = to;
                channelRules.Routing.Handed(plan);
            }
        }

        var reason = to is null
            ? AssignmentReason.ReturningClientToManagers(gone.Name)
            : AssignmentReason.ReturningClientMoved(channelRules.Routing.NameOf(to), gone.Name);
        rows.UpdateResponsible(contact.Id, conversation.NewClientDealId, previous, to);
        contact.ResponsibleUserId = to;
        rows.InsertAssignment(new Assignment
        {
            ConversationId = conversation.Id,
            ChannelId = channel.Id,
            UserId = to,
            AtUtc = now,
        }.Because(reason with { Skipped = [new SkippedRep(gone.Name, gone.Reason)] }));
        if (subscription is not null
            && WebhookOutbox.Event(subscription, WebhookKinds.ResponsibleChanged, contact.Id,
                new ResponsibleChangedHook(contact.Id, conversation.NewClientDealId, to ?? "", previous, channel.Id, WebhookEvents.ByAbsence, now), now) is { } changed)
        {
            rows.InsertOutboxEvent(changed);
            wroteOutboxEvents = true;
        }
    }

    private async Task<NewClientRules> RulesAsync(Channel channel, CancellationToken cancellationToken)
    {
        if (rules.TryGetValue(channel.Id, out var known))
        {
            return known;
        }

        var turn = await db.ChannelTurns.AsNoTracking().FirstOrDefaultAsync(t => t.ChannelId == channel.Id, cancellationToken)
            ?? new ChannelTurn { ChannelId = channel.Id };

        // Every later turn of the batch goes to one of the reps, so their names and the last one served's are all it needs.
        var routing = await ChannelRoutingState.LoadAsync(db, channel, presence, [turn.LastAssignedUserId], cancellationToken);
        var loaded = new NewClientRules(routing, turn, await NewDealStageAsync(channel, cancellationToken))
        {
            QueueWaiting = await db.Conversations.AnyAsync(c => c.QueuedAtUtc != null && c.ChannelId == channel.Id, cancellationToken),
        };
        rules[channel.Id] = loaded;
        return loaded;
    }

    /// <summary>The channel's chosen stage, or while it has none (removed in the CRM), the first stage of its funnel or of the first funnel.</summary>
    private async Task<NewDealStage> NewDealStageAsync(Channel channel, CancellationToken cancellationToken)
    {
        var stages = db.Stages.AsNoTracking();
        stages = channel.FunnelId is not null && channel.StageId is not null
            ? stages.Where(s => s.FunnelId == channel.FunnelId && s.Id == channel.StageId)
            : stages.OrderBy(s => s.FunnelId == channel.FunnelId ? 0 : 1).ThenBy(s => s.Funnel!.Position).ThenBy(s => s.Position);
        var stage = await stages.Select(s => new NewDealStage(s.FunnelId, s.Id, s.Funnel!.Name, s.Name)).FirstOrDefaultAsync(cancellationToken);
        return stage ?? new NewDealStage(channel.FunnelId, channel.StageId, null, null);
    }

    /// <summary>
    /// Whether the subscribed CRM creates new clients' contacts and deals (contactsAndDealsCreation): then the console's
    /// own records are provisional until it answers. Without it (the demo) the console's records are the demo CRM's own.
    /// </summary>
    private bool CrmCreatesClients => subscription?.Covers(WebhookKinds.CreateContact) == true;

    private void WriteWebhookEvents(Accepted message, Contact contact, Deal? newClientDeal, Message entry, bool awaitsFirstReply = false)
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

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
