using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Settings;
using WazzupAdmin.Services.Webhooks;

namespace WazzupAdmin.Services.Chat;

/// <summary>A message a client sent to a channel.</summary>
public sealed record IncomingMessage(Guid ChannelId, string ClientId, string? ClientName, string Text);

/// <summary>What became of an incoming message.</summary>
/// <param name="ResponsibleUserId">The client's responsible user after the message; null while unassigned or offered.</param>
/// <param name="OfferedTo">For an unclaimed first-responder client, the reps who see it.</param>
public sealed record ReceivedMessage(
    long ConversationId, string ContactId, bool IsNewClient, string? ResponsibleUserId, IReadOnlyList<string> OfferedTo, string? Reason);

public sealed record ReceiveResult(ReceivedMessage? Received, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Received is not null;
}

/// <summary>
/// Handles a client's message as the domain says: a new client gets a contact and a deal in the channel's funnel
/// and stage and is distributed by the channel's algorithm; a known client goes to the contact's responsible user.
/// All of it is stored in one transaction or none of it is.
/// </summary>
public sealed class IncomingMessageService(IDbContextFactory<AppDbContext> dbFactory, ChatNotifier notifier, IConfiguration configuration, TimeProvider clock)
{
    public async Task<ReceiveResult> ReceiveAsync(IncomingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channel = await db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == message.ChannelId, cancellationToken);
        if (channel is null)
        {
            return Invalid("ChannelId", "This channel does not exist.");
        }

        if (channel.State == ChannelState.Disabled)
        {
            return Invalid("ChannelId", "This channel is disabled and receives no messages.");
        }

        var client = ChannelIdentifier.CheckClient(channel.Transport, message.ClientId);
        if (!client.IsValid)
        {
            return Invalid("ClientId", client.Error!);
        }

        if (string.IsNullOrWhiteSpace(message.Text))
        {
            return Invalid("Text", "Write a message.");
        }

        if (message.Text.Length > ChatLimits.MessageLength)
        {
            return Invalid("Text", "At most {0} characters.", ChatLimits.MessageLength);
        }

        if (FieldRules.Optional(message.ClientName, FieldLimits.ContactName) is { } nameError)
        {
            return Invalid("ClientName", nameError, FieldLimits.ContactName);
        }

        // BEGIN IMMEDIATE: writers take turns, so two messages from one new client cannot both create a contact,
        // and concurrent new clients take consecutive turns.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var chatType = channel.Transport.ApiName();
        var contactId = await db.ContactChats
            .Where(c => c.ChatType == chatType && c.ChatId == client.Normalized)
            .Select(c => c.ContactId)
            .FirstOrDefaultAsync(cancellationToken);

        var received = contactId is null
            ? await ReceiveFromNewClientAsync(db, channel, chatType, client.Normalized, message, now, configuration, cancellationToken)
            : await ReceiveFromKnownClientAsync(db, channel, contactId, message, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var outcome = received();
        await WebhookEvents.ReceivedAsync(db, outcome.ConversationId, outcome.IsNewClient, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        notifier.Publish(new ChatEvent(outcome.IsNewClient ? ChatEventKind.NewClient : ChatEventKind.NewMessage, channel.Id, outcome.ConversationId)
        {
            Concerns = [.. outcome.OfferedTo, .. outcome.ResponsibleUserId is { } responsible ? [responsible] : Array.Empty<string>()],
        });
        return new ReceiveResult(outcome, []);
    }

    // Each returns how to describe the outcome once saved, when the store has given the conversation its id.
    private static async Task<Func<ReceivedMessage>> ReceiveFromKnownClientAsync(
        AppDbContext db, Channel channel, string contactId, IncomingMessage message, DateTime now, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking().FirstAsync(c => c.Id == contactId, cancellationToken);
        var conversation = await db.Conversations.Include(c => c.Offers)
            .FirstOrDefaultAsync(c => c.ChannelId == channel.Id && c.ContactId == contactId, cancellationToken);
        if (conversation is null)
        {
            conversation = new Conversation { ChannelId = channel.Id, ContactId = contactId, CreatedAtUtc = now };
            db.Conversations.Add(conversation);
        }

        AddIncoming(conversation, message.Text, now);
        return () => new ReceivedMessage(conversation.Id, contactId, IsNewClient: false, contact.ResponsibleUserId,
            [.. conversation.Offers.Select(o => o.UserId)], Reason: null);
    }

    private static async Task<Func<ReceivedMessage>> ReceiveFromNewClientAsync(
        AppDbContext db, Channel channel, string chatType, string chatId, IncomingMessage message, DateTime now, IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var eligible = await db.ChannelAccess.AsNoTracking().EligibleForNewClients(channel.Id)
            .Select(a => a.CrmUserId)
            .ToListAsync(cancellationToken);
        var turn = await db.ChannelTurns.FirstOrDefaultAsync(t => t.ChannelId == channel.Id, cancellationToken);
        if (turn is null)
        {
            turn = new ChannelTurn { ChannelId = channel.Id };
            db.ChannelTurns.Add(turn);
        }

        var named = eligible.Append(turn.LastAssignedUserId ?? "").ToList();
        var names = await db.CrmUsers.AsNoTracking().Where(u => named.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var decision = NewClientDistribution.Decide(channel.Algorithm, eligible, turn.LastAssignedUserId, id => names.GetValueOrDefault(id, id));
        if (decision.AssignedTo is not null)
        {
            turn.LastAssignedUserId = decision.AssignedTo;
        }

        turn.ClientsDistributed++;

        var name = string.IsNullOrWhiteSpace(message.ClientName) ? chatId : message.ClientName.Trim();
        var contact = new Contact
        {
            Id = NewId("c"),
            Name = name,
            ResponsibleUserId = decision.AssignedTo,
            Chats = [new ContactChat { ChatType = chatType, ChatId = chatId }],
        };
        contact.Uri = CrmLinks.RecordUrl(configuration[CrmLinks.ContactUrlTemplateKey], "{contactId}", contact.Id);
        var (funnelId, stageId) = await NewDealStageAsync(db, channel, cancellationToken);
        var deal = new Deal
        {
            Id = NewId("d"),
            Name = FieldRules.Truncate($"{name}: {channel.Name}", FieldLimits.DealName),
            ResponsibleUserId = decision.AssignedTo,
            FunnelId = funnelId,
            StageId = stageId,
            Contacts = [contact],
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
        AddIncoming(conversation, message.Text, now);
        db.Contacts.Add(contact);
        db.Deals.Add(deal);
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(cancellationToken);
        db.Assignments.Add(new Assignment
        {
            ConversationId = conversation.Id,
            ChannelId = channel.Id,
            UserId = decision.AssignedTo,
            AtUtc = now,
            Reason = decision.Reason,
        });
        return () => new ReceivedMessage(conversation.Id, contact.Id, IsNewClient: true, decision.AssignedTo, decision.OfferedTo, decision.Reason);
    }

    /// <summary>The channel's chosen stage, or while it has none (removed in the CRM), the first stage of its funnel or of the first funnel.</summary>
    private static async Task<(string? FunnelId, string? StageId)> NewDealStageAsync(AppDbContext db, Channel channel, CancellationToken cancellationToken)
    {
        if (channel.FunnelId is not null && channel.StageId is not null)
        {
            return (channel.FunnelId, channel.StageId);
        }

        var fallback = await db.Stages.AsNoTracking()
            .OrderBy(s => s.FunnelId == channel.FunnelId ? 0 : 1).ThenBy(s => s.Funnel!.Position).ThenBy(s => s.Position)
            .Select(s => new { s.FunnelId, s.Id })
            .FirstOrDefaultAsync(cancellationToken);
        return (fallback?.FunnelId, fallback?.Id);
    }

    private static void AddIncoming(Conversation conversation, string text, DateTime now)
    {
        conversation.Messages.Add(new Message { Incoming = true, Text = text, SentAtUtc = now });
        conversation.LastActivityAtUtc = now;
        conversation.LastMessagePreview = FieldRules.Truncate(text, ChatLimits.PreviewLength);
        conversation.Unanswered = true;
    }

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static ReceiveResult Invalid(string field, string message, params object[] arguments) =>
        new(null, [new FieldError(field, message, arguments)]);
}
