using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Webhooks;

namespace WazzupAdmin.Services.Webhooks;

/// <summary>
/// Delivers the outbox at least once. Only the oldest pending event of each contact is ever due, so a failing event
/// holds back that contact's later events and nobody else's. An event is marked delivered only after the CRM's 2xx;
/// one whose request was cut short by a stop or a crash is still pending and is simply sent again on the next start
/// (the CRM drops the duplicate by its event id). Every instance of the console runs a worker on the same outbox: each
/// sends only the events it leased (<see cref="OutboxLeases"/>), so no two send the same event or a contact's events at once.
/// </summary>
public sealed class WebhookDeliveryWorker(
    IDbContextFactory<AppDbContext> dbFactory,
    IHttpClientFactory httpClients,
    WebhookSignal signal,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<long, Task> inFlight = new();
    private readonly OutboxLeases leases = new(dbFactory, DeliveryLease.HolderName(Environment.MachineName, Environment.ProcessId, Guid.NewGuid()));

    /// <summary>This worker's name in the leases it takes.</summary>
    public string InstanceId => leases.Holder;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var leaseLength = DeliveryLease.Length(settings.AttemptTimeout, settings.ImmediateRetries, settings.ImmediateRetryDelay);
        try
        {
            await leases.ReleaseLeftOverAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Leases left by an earlier run could not be ended; their events are sent when the leases run out");
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = clock.GetUtcNow().UtcDateTime;
                foreach (var id in await leases.DueAsync(settings.MaxConcurrentDeliveries - inFlight.Count, now, stoppingToken))
                {
                    if (!inFlight.ContainsKey(id) && await leases.TryClaimAsync(id, now, leaseLength, stoppingToken))
                    {
                        Start(id, settings, stoppingToken);
                    }
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Looking for due webhook events failed; trying again at the next poll");
            }

            try
            {
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        try
        {
            await Task.WhenAll(inFlight.Values);
        }
        catch (OperationCanceledException)
        {
            // Cut short by the stop: those events are still pending.
        }
    }

    private void Start(long outboxId, WebhookOptions settings, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        inFlight[outboxId] = Task.Run(async () =>
        {
            await started.Task;
            var answered = false;
            try
            {
                await DeliverAsync(outboxId, settings, stoppingToken);
                answered = true;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Delivering webhook event {OutboxId} failed unexpectedly", outboxId);
            }
            finally
            {
                if (!answered)
                {
                    await ReleaseAsync(outboxId);
                }

                inFlight.TryRemove(outboxId, out _);
                // The contact's next event may be due now.
                signal.Wake();
            }
        }, CancellationToken.None);
        started.SetResult();
    }

    /// <summary>No answer was saved: the event may be sent again at once, by this instance or another.</summary>
    private async Task ReleaseAsync(long outboxId)
    {
        try
        {
            await leases.ReleaseAsync(outboxId);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The lease of webhook event {OutboxId} could not be ended; it is sent again when the lease runs out", outboxId);
        }
    }

    private async Task DeliverAsync(long outboxId, WebhookOptions settings, CancellationToken stoppingToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
        var outboxEvent = await db.OutboxEvents.FirstOrDefaultAsync(e => e.Id == outboxId, stoppingToken);
        var subscription = await db.WebhookSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == WebhookSettings.SingletonId, stoppingToken);
        if (outboxEvent is not { Status: OutboxStatus.Pending } || string.IsNullOrEmpty(subscription?.Uri))
        {
            // Without an address the events wait for one: the CRM unsubscribed for a while, not for good.
            if (outboxEvent is not null)
            {
                OutboxLeases.Release(outboxEvent);
                await db.SaveChangesAsync(CancellationToken.None);
            }

            return;
        }

        var request = CrmRequests.IsRequest(outboxEvent.Kind);
        if (request && await CrmRequests.RefreshAsync(db, outboxEvent, clock.GetUtcNow().UtcDateTime, settings, stoppingToken) != RequestState.Send)
        {
            // Not needed any more (the CRM created the record itself), or waiting for the contact's own request.
            OutboxLeases.Release(outboxEvent);
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }

        var sender = new WebhookSender(httpClients.CreateClient(WebhookRegistration.DeliveryClient));
        var answer = await sender.PostAsync(subscription.Uri, outboxEvent.Payload, subscription.Secret, outboxEvent.EventId, stoppingToken);
        var now = clock.GetUtcNow().UtcDateTime;
        outboxEvent.Attempts += answer.Requests;
        outboxEvent.LastAttemptAtUtc = now;
        outboxEvent.LastStatusCode = answer.StatusCode;
        outboxEvent.LastError = answer.Error ?? (answer.StatusCode is >= 200 and < 300 ? null : Excerpt(answer.Body));
        var verdict = WebhookDelivery.Judge(answer.StatusCode);
        if (request)
        {
            // A request is answered with the entity the CRM created. Until it is, the client stays on the console's own
            // record and the request is asked again: an error, or a 200 with something else, is retried like a timeout.
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var meanwhile = await db.OutboxEvents.AsNoTracking().Where(e => e.Id == outboxEvent.Id)
                .Select(e => new { e.Status, e.LastError, e.DeliveredAtUtc }).FirstAsync(CancellationToken.None);
            if (meanwhile.Status != OutboxStatus.Pending)
            {
                // Closed while it was on its way (the CRM upserted its own contact for the chat): the answer changes nothing.
                (outboxEvent.Status, outboxEvent.LastError, outboxEvent.DeliveredAtUtc) = (meanwhile.Status, meanwhile.LastError, meanwhile.DeliveredAtUtc);
                OutboxLeases.Release(outboxEvent);
                await db.SaveChangesAsync(CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
                return;
            }

            var (adopted, problem) = verdict == DeliveryVerdict.Delivered
                ? await CrmRequests.AdoptAsync(db, outboxEvent, answer.Body, now, CancellationToken.None)
                : (false, outboxEvent.LastError);
            verdict = adopted ? DeliveryVerdict.Delivered : DeliveryVerdict.RetryLater;
            outboxEvent.LastError = adopted ? null : problem;
            ApplyVerdict(outboxEvent, verdict, answer, settings, now);
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            if (adopted)
            {
                // The contact's next event (the createDeal, now naming the CRM's contact) may be due now.
                signal.Wake();
            }

            LogDeadLetter(outboxEvent);
            return;
        }

        ApplyVerdict(outboxEvent, verdict, answer, settings, now);

        // The answer is recorded even when the stop comes right now: the request was made.
        await db.SaveChangesAsync(CancellationToken.None);
        LogDeadLetter(outboxEvent);
    }

    /// <summary>Records the verdict and ends the lease: the next request, if any, is due at the time set here.</summary>
    private static void ApplyVerdict(OutboxEvent outboxEvent, DeliveryVerdict verdict, WebhookAnswer answer, WebhookOptions settings, DateTime now)
    {
        OutboxLeases.Release(outboxEvent);
        switch (verdict)
        {
            case DeliveryVerdict.Delivered:
                outboxEvent.Status = OutboxStatus.Delivered;
                outboxEvent.DeliveredAtUtc = now;
                break;
            case DeliveryVerdict.Refused:
                outboxEvent.Status = OutboxStatus.DeadLettered;
                break;
            case DeliveryVerdict.RetryLater when now - outboxEvent.CreatedAtUtc >= settings.DeadLetterAfter:
                outboxEvent.Status = OutboxStatus.DeadLettered;
                break;
            default:
                var delay = WebhookDelivery.NextDelay(outboxEvent.Attempts, settings.RetryBase, settings.RetryCap, Random.Shared.NextDouble());
                if (answer.RetryAfter is { } retryAfter && retryAfter > delay)
                {
                    delay = retryAfter < settings.RetryCap ? retryAfter : settings.RetryCap;
                }

                outboxEvent.NextAttemptAtUtc = now + delay;
                break;
        }
    }

    private void LogDeadLetter(OutboxEvent outboxEvent)
    {
        if (outboxEvent.Status == OutboxStatus.DeadLettered)
        {
            logger.LogWarning("Webhook event {EventId} ({Kind}) was dead-lettered after {Attempts} requests: {Error}",
                outboxEvent.EventId, outboxEvent.Kind, outboxEvent.Attempts, outboxEvent.LastError);
        }
    }

    private static string? Excerpt(string? body) =>
        string.IsNullOrWhiteSpace(body) ? null : Domain.Crm.FieldRules.Prefix(body, 200);
}
