using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Webhooks;

namespace WazzupAdmin.Services.Routing;

/// <summary>
/// Hands out the clients waiting in the channels' queues (<see cref="Conversation.QueuedAtUtc"/>) as soon as someone
/// can take them, oldest first and at the channel's pace per rep per minute (<see cref="QueueDrain"/>). Each channel is
/// drained in one write transaction, which takes turns with the writer of new clients and with every other instance's
/// drain, so a queued client is handed out once; the pace is counted from the store, so it holds across restarts and
/// instances.
/// </summary>
public sealed class ClientQueueService(
    IDbContextFactory<AppDbContext> dbFactory, ChatNotifier notifier, TimeProvider clock, RepPresence presence, WebhookSignal webhooks)
{
    private const int BatchSize = 100;

    /// <summary>Drains every channel that has clients waiting; returns how many were handed out and how many still wait.</summary>
    public async Task<(int Handed, int Waiting)> DrainAsync(CancellationToken cancellationToken = default)
    {
        List<Guid> channelIds;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // Channel by channel: each asks the (channel, queued at) index, where one query over all conversations would read them all.
            channelIds = await db.Channels.AsNoTracking()
                .Where(channel => db.Conversations.Any(c => c.ChannelId == channel.Id && c.QueuedAtUtc != null))
                .Select(channel => channel.Id)
                .ToListAsync(cancellationToken);
        }

        var (handed, waiting) = (0, 0);
        foreach (var channelId in channelIds)
        {
            var (channelHanded, channelWaiting) = await DrainChannelAsync(channelId, cancellationToken);
            handed += channelHanded;
            waiting += channelWaiting;
        }

        return (handed, waiting);
    }

    private async Task<(int Handed, int Waiting)> DrainChannelAsync(Guid channelId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var nowUtc = now.UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var channel = await db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        if (channel is null || channel.State == ChannelState.Disabled)
        {
            return (0, 0);
        }

        // A client someone became responsible for meanwhile (assigned, set by the CRM, claimed) has left the queue.
        await db.Conversations
            .Where(c => c.ChannelId == channelId && c.QueuedAtUtc != null && (c.Contact!.ResponsibleUserId != null || c.Offers.Any()))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.QueuedAtUtc, (DateTime?)null), cancellationToken);
        var queued = await db.Conversations.AsNoTracking()
            .Where(c => c.ChannelId == channelId && c.QueuedAtUtc != null)
            .OrderBy(c => c.QueuedAtUtc).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.QueuedAtUtc })
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (queued.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return (0, 0);
        }

        var turn = await db.ChannelTurns.FirstOrDefaultAsync(t => t.ChannelId == channelId, cancellationToken);
        var routing = await ChannelRoutingState.LoadAsync(db, channel, presence, [turn?.LastAssignedUserId], cancellationToken);
        var since = (now - QueueDrain.PaceWindow).UtcDateTime;
        var handedLastMinute = await db.QueueHandOuts.AsNoTracking()
            .Where(h => h.ChannelId == channelId && h.AtUtc > since)
            .GroupBy(h => h.UserId).Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.UserId, g => g.Count, StringComparer.Ordinal, cancellationToken);
        var handOuts = QueueDrain.Drain(
            routing.Settings, routing.Reps, turn?.LastAssignedUserId,
            queued.Select(q => new QueuedClient(q.Id, new DateTimeOffset(DateTime.SpecifyKind(q.QueuedAtUtc!.Value, DateTimeKind.Utc)))),
            handedLastMinute, channel.QueuePerRepPerMinute, now);
        var events = new List<ChatEvent>(handOuts.Count);
        foreach (var handOut in handOuts)
        {
            events.Add(await HandOutAsync(db, channel, routing, handOut, now, cancellationToken));
            if (handOut.Plan.AssignedTo is { } assignedTo)
            {
                turn ??= db.ChannelTurns.Add(new ChannelTurn { ChannelId = channelId }).Entity;
                turn.LastAssignedUserId = assignedTo;
            }
        }

        foreach (var (userId, credit) in handOuts.SelectMany(h => h.Plan.Credits).GroupBy(c => c.Key).Select(g => (g.Key, g.Last().Value)))
        {
            await db.ChannelAccess.Where(a => a.ChannelId == channelId && a.CrmUserId == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Credit, credit), cancellationToken);
        }

        // The pace looks back one minute; older hand-outs only take room.
        await db.QueueHandOuts.Where(h => h.ChannelId == channelId && h.AtUtc < since).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var chatEvent in events)
        {
            notifier.Publish(chatEvent);
        }

        if (handOuts.Any(h => h.Plan.AssignedTo is not null))
        {
            webhooks.Wake();
        }

        return (handOuts.Count, queued.Count - handOuts.Count);
    }

    private static async Task<ChatEvent> HandOutAsync(
        AppDbContext db, Channel channel, ChannelRoutingState routing, QueueHandOut handOut, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowUtc = now.UtcDateTime;
        var plan = handOut.Plan;
        var conversation = await db.Conversations.Include(c => c.Offers).FirstAsync(c => c.Id == handOut.Client.ConversationId, cancellationToken);
        conversation.QueuedAtUtc = null;
        conversation.OfferDueAtUtc = ChannelRoutingState.TimeoutOf(channel).DueAt(now)?.UtcDateTime;
        AssignmentReason reason;
        if (plan.AssignedTo is { } assignedTo)
        {
            // A queued client is nobody's: the handover is from nobody.
            await ClientHandover.ApplyAsync(db, conversation, new Handover(null, assignedTo, HandoverKind.FromQueue), cancellationToken);

            reason = AssignmentReason.FromQueueAssigned(routing.NameOf(assignedTo), handOut.WaitedMinutes(now));
        }
        else
        {
            foreach (var userId in plan.OfferedTo)
            {
                conversation.Offers.Add(new ConversationOffer { ConversationId = conversation.Id, UserId = userId });
            }

            reason = AssignmentReason.FromQueueOffered([.. plan.OfferedTo.Select(routing.NameOf)], handOut.WaitedMinutes(now));
        }

        foreach (var userId in plan.OfferedTo.Append(plan.AssignedTo).OfType<string>())
        {
            db.QueueHandOuts.Add(new QueueHandOutRecord { ChannelId = channel.Id, UserId = userId, AtUtc = nowUtc });
        }

        db.Assignments.Add(new Assignment
        {
            ConversationId = conversation.Id,
            ChannelId = channel.Id,
            UserId = plan.AssignedTo,
            AtUtc = nowUtc,
        }.Because(reason with { Skipped = routing.SkippedIn(plan) }));
        if (plan.AssignedTo is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
            await WebhookEvents.HandedFromQueueAsync(db, conversation.Id, nowUtc, cancellationToken);
        }

        return new ChatEvent(ChatEventKind.NewClient, channel.Id, conversation.Id) { Concerns = [.. plan.OfferedTo.Append(plan.AssignedTo).OfType<string>()] };
    }
}
