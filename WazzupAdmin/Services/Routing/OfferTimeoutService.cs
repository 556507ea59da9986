using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Webhooks;

namespace WazzupAdmin.Services.Routing;

/// <summary>
/// Acts on the offers whose timeout is due (<see cref="Conversation.OfferDueAtUtc"/>): in turn the client moves to the
/// next rep, or after the channel's last move to the managers, unassigned; first responder the offer widens. The due
/// times live in the store, so an offer that came due while the console was down is acted on at the next start, and
/// each is claimed by one conditional update inside the write transaction (still due, still the due time that was read),
/// so of two instances, or a reply landing at the same moment, exactly one acts, and only once.
/// </summary>
public sealed class OfferTimeoutService(
    IDbContextFactory<AppDbContext> dbFactory, ChatNotifier notifier, TimeProvider clock, RepPresence presence)
{
    private const int BatchSize = 100;

    /// <summary>Acts on every offer due by now; returns how many it acted on.</summary>
    public async Task<int> HandleDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        List<(long Id, DateTime DueAt)> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var nowUtc = now.UtcDateTime;
            var rows = await db.Conversations.AsNoTracking()
                .Where(c => c.OfferDueAtUtc != null && c.OfferDueAtUtc <= nowUtc)
                .OrderBy(c => c.OfferDueAtUtc).ThenBy(c => c.Id)
                .Select(c => new { c.Id, c.OfferDueAtUtc })
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            due = [.. rows.Select(r => (r.Id, r.OfferDueAtUtc!.Value))];
        }

        var handled = 0;
        foreach (var (id, dueAt) in due)
        {
            if (await HandleAsync(id, dueAt, now, cancellationToken))
            {
                handled++;
            }
        }

        return handled;
    }

    private async Task<bool> HandleAsync(long conversationId, DateTime seenDueAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowUtc = now.UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The claim: only the writer that still finds the due time it read, and due, goes on. A reply meanwhile cleared
        // it; another instance that acted first moved it on.
        var claimed = await db.Conversations
            .Where(c => c.Id == conversationId && c.OfferDueAtUtc == seenDueAt && c.OfferDueAtUtc <= nowUtc)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OfferDueAtUtc, (DateTime?)null), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var conversation = await db.Conversations.Include(c => c.Offers).FirstAsync(c => c.Id == conversationId, cancellationToken);
        var channel = await db.Channels.AsNoTracking().FirstAsync(c => c.Id == conversation.ChannelId, cancellationToken);
        var contact = await db.Contacts.FirstAsync(c => c.Id == conversation.ContactId, cancellationToken);
        var timeout = ChannelRoutingState.TimeoutOf(channel);
        if (!timeout.IsOn || !conversation.Unanswered)
        {
            // Timeouts were switched off, or the client was answered some other way: nothing moves.
            await transaction.CommitAsync(cancellationToken);
            return true;
        }

        var inTurn = contact.ResponsibleUserId is not null;
        if (!inTurn && conversation.Offers.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return true;
        }

        var heldBefore = await db.Assignments.AsNoTracking()
            .Where(a => a.ConversationId == conversationId && a.UserId != null)
            .Select(a => a.UserId!).Distinct().ToListAsync(cancellationToken);
        var current = contact.ResponsibleUserId;
        var routing = await ChannelRoutingState.LoadAsync(db, channel, presence, [current], cancellationToken);
        var settings = routing.Settings with { Algorithm = inTurn ? DistributionAlgorithm.InTurn : DistributionAlgorithm.FirstResponder };
        var decision = OfferTimeouts.Decide(settings, timeout, routing.Reps, current, heldBefore, conversation.OfferMoves, now);

        AssignmentReason reason;
        string? newResponsible = null;
        switch (decision.Action)
        {
            case OfferTimeoutAction.Move:
                newResponsible = decision.MoveTo;
                conversation.OfferMoves++;
                conversation.OfferDueAtUtc = timeout.DueAt(now)?.UtcDateTime;
                reason = AssignmentReason.TimedOutMoved(routing.NameOf(current!)) with
                {
                    Skipped = routing.SkippedIn(decision.Plan!),
                };
                break;
            case OfferTimeoutAction.ToManagers:
                conversation.OfferTimedOutAtUtc = nowUtc;
                reason = AssignmentReason.TimedOutToManagers(routing.NameOf(current!));
                break;
            default:
                conversation.OfferTimedOutAtUtc = nowUtc;
                reason = AssignmentReason.Widened(decision.WidenTo == WidenOfferTo.AllReps
                    ? await WidenToAllRepsAsync(db, conversation, cancellationToken)
                    : []);
                break;
        }

        if (inTurn)
        {
            await ClientHandover.ApplyAsync(db, conversation, new Handover(current, newResponsible, HandoverKind.TimedOut), cancellationToken, contact);
        }

        db.Assignments.Add(new Assignment
        {
            ConversationId = conversation.Id,
            ChannelId = conversation.ChannelId,
            UserId = newResponsible,
            AtUtc = nowUtc,
        }.Because(reason));
        await db.SaveChangesAsync(cancellationToken);
        if (inTurn)
        {
            await WebhookEvents.TimedOutAsync(db, conversation.Id, current, nowUtc, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        notifier.Publish(new ChatEvent(ChatEventKind.OfferTimedOut, conversation.ChannelId, conversation.Id));
        return true;
    }

    /// <summary>Offers the client to every sales rep of the channel; returns all their names.</summary>
    private static async Task<IReadOnlyList<string>> WidenToAllRepsAsync(AppDbContext db, Conversation conversation, CancellationToken cancellationToken)
    {
        var reps = await db.ChannelAccess.AsNoTracking()
            .Where(a => a.ChannelId == conversation.ChannelId && a.Role == ChannelRole.SalesRep)
            .Select(a => new { a.CrmUserId, a.CrmUser!.Name })
            .ToListAsync(cancellationToken);
        var offered = conversation.Offers.Select(o => o.UserId).ToHashSet(StringComparer.Ordinal);
        foreach (var rep in reps.Where(r => !offered.Contains(r.CrmUserId)))
        {
            conversation.Offers.Add(new ConversationOffer { ConversationId = conversation.Id, UserId = rep.CrmUserId });
        }

        return [.. reps.OrderBy(r => r.CrmUserId, StringComparer.Ordinal).Select(r => r.Name)];
    }
}

/// <summary>
/// Looks for due offer timeouts at start (offers that came due while the console was down are acted on at once) and then
/// every <see cref="RoutingOptions.OfferTimeoutPollInterval"/>, on the app's <see cref="TimeProvider"/>, so a test's fake
/// clock drives it.
/// </summary>
public sealed class OfferTimeoutWorker(
    IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<RoutingOptions> options, TimeProvider clock, ILogger<OfferTimeoutWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OfferTimeoutService>().HandleDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Acting on the due offer timeouts failed; trying again at the next poll");
            }

            try
            {
                await Task.Delay(options.Value.OfferTimeoutPollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
