using Microsoft.Extensions.Options;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Services.Routing;

/// <summary>Wakes the queue's worker when someone may be able to take a queued client.</summary>
public sealed class QueueSignal : WakeSignal;

/// <summary>
/// Drains the channels' queues at start, whenever someone may have become able to take a client (a rep's window opened
/// or they came back from away, a reply or a claim left a rep with room, a client was reassigned, settings were saved,
/// a client was queued) and every <see cref="RoutingOptions.QueuePollInterval"/> for what no event announces: a
/// channel's opening hour, a new minute of the pace, another instance's changes. Clients' messages and status changes
/// do not wake it unless clients are waiting, so a busy console without a queue pays nothing for it.
/// </summary>
public sealed class ClientQueueWorker(
    IServiceScopeFactory scopes, QueueSignal signal, ChatNotifier notifier, RepPresence presence, IOptions<RoutingOptions> options,
    TimeProvider clock, ILogger<ClientQueueWorker> logger) : BackgroundService
{
    // Whether the last drain left clients waiting; until it says otherwise, assume so.
    private volatile bool clientsWaiting = true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var presenceChanges = presence.Subscribe(_ =>
        {
            signal.Wake();
            return Task.CompletedTask;
        });
        using var chatEvents = notifier.Subscribe(chatEvent =>
        {
            if (clientsWaiting && chatEvent.Kind is not ChatEventKind.StatusChanged)
            {
                signal.Wake();
            }

            return Task.CompletedTask;
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var (_, waiting) = await scope.ServiceProvider.GetRequiredService<ClientQueueService>().DrainAsync(stoppingToken);
                clientsWaiting = waiting > 0;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Draining the queues of waiting clients failed; trying again at the next poll");
            }

            try
            {
                await signal.WaitAsync(options.Value.QueuePollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
