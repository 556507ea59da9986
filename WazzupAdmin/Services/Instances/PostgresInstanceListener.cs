using Npgsql;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Routing;

namespace WazzupAdmin.Services.Instances;

/// <summary>
/// Hears what the other instances on the same PostgreSQL database did and republishes it here, to this instance's open
/// windows, session registry, presence of reps and API keys: one dedicated connection LISTENs on
/// <see cref="PostgresInstanceEvents.Channel"/> and waits for notifications, reconnecting with a growing pause when the
/// connection breaks. Every <see cref="HeartbeatInterval"/> it also sends which reps have a window open here and drops
/// the reps of instances that fell silent for <see cref="PresenceExpiry"/> (a crashed instance's reps go offline).
/// </summary>
public sealed class PostgresInstanceListener(
    NpgsqlDataSource dataSource,
    PostgresInstanceEvents events,
    ChatNotifier notifier,
    SessionRevocations revocations,
    RepPresence presence,
    Api.ApiKeyCache apiKeys,
    TimeProvider clock,
    ILogger<PostgresInstanceListener> logger) : BackgroundService
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    /// <summary>Three heartbeats missed: the instance is gone and its reps are offline.</summary>
    public static readonly TimeSpan PresenceExpiry = 3 * HeartbeatInterval;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? heartbeat;

    /// <summary>Completes once the first LISTEN is in place: from then on this instance hears the others.</summary>
    public Task Listening => listening.Task;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        heartbeat = clock.CreateTimer(_ => Beat(), null, HeartbeatInterval, HeartbeatInterval);
        try
        {
            // Serve only once this instance hears the others, unless the database keeps it waiting.
            await Listening.WaitAsync(TimeSpan.FromSeconds(10), clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Not yet listening to the other instances; this instance's windows miss their updates until it is");
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (heartbeat is not null)
        {
            await heartbeat.DisposeAsync();
        }

        await base.StopAsync(cancellationToken);
    }

    private void Beat()
    {
        events.Heartbeat(presence.OnlineHere());
        presence.ExpireOtherInstances(clock.GetUtcNow() - PresenceExpiry);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notification) => Receive(notification.Payload);
                await using (var command = new NpgsqlCommand($"LISTEN {PostgresInstanceEvents.Channel}", connection))
                {
                    await command.ExecuteNonQueryAsync(stoppingToken);
                }

                logger.LogInformation("Listening to the other instances as {InstanceId}", events.InstanceId);
                retry = FirstRetry;
                listening.TrySetResult();
                // Whatever the others announced while this instance was not listening, their heartbeats say again.
                events.Hello();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or System.IO.IOException)
            {
                logger.LogWarning(ex, "Lost the connection that listens to the other instances; trying again in {Retry}", retry);
                try
                {
                    await Task.Delay(retry, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retry = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, retry.Ticks * 2));
            }
        }
    }

    /// <summary>One notification's payload: republished here unless this instance sent it.</summary>
    public void Receive(string payload)
    {
        var message = InstanceMessage.FromJson(payload);
        if (message is null)
        {
            logger.LogWarning("Ignored a notification that is not an instance message");
            return;
        }

        if (message.From == events.InstanceId)
        {
            return;
        }

        switch (message.Kind)
        {
            case InstanceMessage.ChatKind:
                notifier.PublishHere(message.ToChatEvent());
                break;
            case InstanceMessage.DealsKind when message.Ids is not null:
                notifier.PublishHere(new DealsChanged(message.Ids));
                break;
            case InstanceMessage.SessionsEndedKind when message.Subject is not null && message.Stamp is not null:
                revocations.RevokeHere(message.Subject, message.Stamp);
                break;
            case InstanceMessage.ApiKeyRevokedKind when int.TryParse(message.Subject, System.Globalization.CultureInfo.InvariantCulture, out var keyId):
                apiKeys.ForgetHere(keyId);
                break;
            case InstanceMessage.PresenceKind when message.Subject is not null:
                presence.OnOtherInstance(message.From, message.Subject, message.Online == true);
                break;
            case InstanceMessage.HeartbeatKind when message.Ids is not null:
                presence.HeartbeatOfOtherInstance(message.From, message.Ids);
                break;
            case InstanceMessage.HelloKind:
                events.Heartbeat(presence.OnlineHere());
                break;
            case InstanceMessage.ByeKind:
                presence.OtherInstanceLeft(message.From);
                break;
            default:
                logger.LogWarning("Ignored an instance message of unknown kind {Kind}", message.Kind);
                break;
        }
    }
}
