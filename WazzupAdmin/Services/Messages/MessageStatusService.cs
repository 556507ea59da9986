using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Messages;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Webhooks;

namespace WazzupAdmin.Services.Messages;

public enum MarkStatus
{
    Marked,
    NotFound,

    /// <summary>A client's message has no delivery status.</summary>
    Incoming,

    /// <summary>The message is already read or failed, or the status would go backwards.</summary>
    Unchanged,
}

/// <summary>An outgoing message, as the simulator lists it.</summary>
public sealed record OutgoingMessageRow(Guid MessageId, string ChannelName, string ContactName, string Text, MessageStatus Status, DateTime SentAtUtc);

/// <summary>
/// Moves outgoing messages through sent, delivered and read (or error), as a messenger would report them: on the
/// schedule of <see cref="MessageStatusOptions"/> (see <see cref="MessageStatusSimulator"/>), or when the simulator page
/// or endpoint says so. Every step is a <c>statuses</c> webhook, written in the same transaction, and the open chat
/// windows redraw the message's marks.
/// </summary>
public sealed class MessageStatusService(
    IDbContextFactory<AppDbContext> dbFactory, ChatNotifier notifier, TimeProvider clock, IOptions<MessageStatusOptions> options)
{
    private const int BatchSize = 200;

    /// <summary>Marks a message delivered, read or failed (with a messenger's error code); the steps between are reported too.</summary>
    public async Task<MarkStatus> MarkAsync(Guid messageId, MessageStatus target, string? errorCode = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var message = await db.Messages.FirstOrDefaultAsync(m => m.PublicId == messageId, cancellationToken);
        if (message is null)
        {
            return MarkStatus.NotFound;
        }

        if (message.Incoming)
        {
            return MarkStatus.Incoming;
        }

        var steps = MessageStatuses.StepsTo(message.Status, target);
        if (steps.Count == 0 || message.DeletedAtUtc is not null)
        {
            return MarkStatus.Unchanged;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (target == MessageStatus.Error)
        {
            message.ErrorCode = string.IsNullOrWhiteSpace(errorCode) ? MessageStatusErrors.BadContact : errorCode.Trim();
        }

        await ApplyAsync(db, message, [.. steps.Select(s => (s, now))], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublishAsync(db, [message.ConversationId], cancellationToken);
        return MarkStatus.Marked;
    }

    /// <summary>Reports every status that is due by now; returns how many messages moved.</summary>
    public async Task<int> AdvanceDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // A cheap look first: most polls find nothing and should not take the write lock.
        if (!await db.Messages.AnyAsync(m => m.NextStatusAtUtc != null && m.NextStatusAtUtc <= now, cancellationToken))
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Messages
            .Where(m => m.NextStatusAtUtc != null && m.NextStatusAtUtc <= now)
            .OrderBy(m => m.NextStatusAtUtc).ThenBy(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var message in due)
        {
            var steps = new List<(MessageStatus, DateTime)>();
            var status = message.Status;
            var at = message.NextStatusAtUtc;
            // A clock that jumped (a pause, a test) may owe a message both of its steps: each keeps the time it was due.
            while (message.DeletedAtUtc is null && at is { } when && when <= now && MessageStatuses.NextSimulated(status) is { } next)
            {
                steps.Add((next, when));
                status = next;
                at = options.Value.NextAt(next, when);
            }

            if (steps.Count == 0)
            {
                message.NextStatusAtUtc = null;
                continue;
            }

            await ApplyAsync(db, message, steps, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PublishAsync(db, [.. due.Select(m => m.ConversationId).Distinct()], cancellationToken);
        return due.Count;
    }

    /// <summary>The latest outgoing messages, for the simulator page.</summary>
    public async Task<IReadOnlyList<OutgoingMessageRow>> RecentOutgoingAsync(int take = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Messages.AsNoTracking()
            .Where(m => !m.Incoming && m.DeletedAtUtc == null)
            .OrderByDescending(m => m.Id)
            .Take(take)
            .Join(db.Conversations, m => m.ConversationId, c => c.Id, (m, c) => new OutgoingMessageRow(
                m.PublicId, c.Channel!.Name, c.Contact!.Name, m.ContentUri ?? m.Text, m.Status, m.SentAtUtc))
            .ToListAsync(cancellationToken);
    }

    private async Task ApplyAsync(AppDbContext db, Message message, IReadOnlyList<(MessageStatus Status, DateTime At)> steps, CancellationToken cancellationToken)
    {
        var (last, at) = steps[^1];
        message.Status = last;
        message.StatusAtUtc = at;
        message.NextStatusAtUtc = options.Value.NextAt(last, at);
        await WebhookEvents.StatusesAsync(db, message.ConversationId, message, steps, cancellationToken);
    }

    private async Task PublishAsync(AppDbContext db, IReadOnlyList<long> conversationIds, CancellationToken cancellationToken)
    {
        var channels = await db.Conversations.AsNoTracking().Where(c => conversationIds.Contains(c.Id))
            .Select(c => new { c.Id, c.ChannelId }).ToListAsync(cancellationToken);
        foreach (var conversation in channels)
        {
            notifier.Publish(new ChatEvent(ChatEventKind.StatusChanged, conversation.ChannelId, conversation.Id));
        }
    }
}
