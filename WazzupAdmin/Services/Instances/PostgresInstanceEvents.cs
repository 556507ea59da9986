using System.Threading.Channels;
using Npgsql;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Services.Instances;

/// <summary>
/// Tells the other instances on the same PostgreSQL database what happened here, by <c>pg_notify</c> on
/// <see cref="Channel"/>: each message is queued and one background loop sends them in order, so that a use case that
/// publishes after its commit never waits for it. PostgreSQL delivers a notification to every listening session,
/// this instance's own listener included, which ignores it by <see cref="InstanceId"/>.
/// </summary>
public sealed class PostgresInstanceEvents(NpgsqlDataSource dataSource, ILogger<PostgresInstanceEvents> logger) : BackgroundService, IOtherInstances
{
    /// <summary>The notification channel every instance listens on.</summary>
    public const string Channel = "wazzup_instance_events";

    private readonly Channel<InstanceMessage> outgoing = System.Threading.Channels.Channel.CreateUnbounded<InstanceMessage>(
        new UnboundedChannelOptions { SingleReader = true });

    /// <summary>This instance, for as long as the process lives.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    public void Send(ChatEvent chatEvent) => Enqueue(InstanceMessage.Of(InstanceId, chatEvent));

    public void Send(DealsChanged dealsChanged)
    {
        ArgumentNullException.ThrowIfNull(dealsChanged);
        foreach (var message in InstanceMessage.Split(InstanceId, InstanceMessage.DealsKind, dealsChanged.ContactIds))
        {
            Enqueue(message);
        }
    }

    public void SessionsEnded(string accountId, string currentStamp) =>
        Enqueue(new InstanceMessage { From = InstanceId, Kind = InstanceMessage.SessionsEndedKind, Subject = accountId, Stamp = currentStamp });

    public void ApiKeyRevoked(int keyId) =>
        Enqueue(new InstanceMessage
        {
            From = InstanceId, Kind = InstanceMessage.ApiKeyRevokedKind, Subject = keyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    public void PresenceChanged(string userId, bool onlineHere) =>
        Enqueue(new InstanceMessage { From = InstanceId, Kind = InstanceMessage.PresenceKind, Subject = userId, Online = onlineHere });

    /// <summary>The CRM users whose windows count as open here, for the other instances to keep as online until they expire.</summary>
    public void Heartbeat(IReadOnlyCollection<string> onlineHere)
    {
        foreach (var message in InstanceMessage.Split(InstanceId, InstanceMessage.HeartbeatKind, onlineHere))
        {
            Enqueue(message);
        }
    }

    /// <summary>Asks the others for their heartbeats now (this instance just started or reconnected).</summary>
    public void Hello() => Enqueue(new InstanceMessage { From = InstanceId, Kind = InstanceMessage.HelloKind });

    private void Enqueue(InstanceMessage message)
    {
        if (!message.Fits())
        {
            logger.LogWarning("An instance message of kind {Kind} is too large for a notification and was not sent", message.Kind);
            return;
        }

        outgoing.Writer.TryWrite(message);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in outgoing.Reader.ReadAllAsync(stoppingToken))
        {
            await SendAsync(message, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The others forget this instance's reps at once instead of when its heartbeats expire.
        try
        {
            await SendAsync(new InstanceMessage { From = InstanceId, Kind = InstanceMessage.ByeKind }, cancellationToken);
        }
        finally
        {
            outgoing.Writer.TryComplete();
            await base.StopAsync(cancellationToken);
        }
    }

    private async Task SendAsync(InstanceMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT pg_notify($1, $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = Channel });
            command.Parameters.Add(new NpgsqlParameter { Value = message.ToJson() });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The other instances' windows miss this one; they show it on their next reload.
            logger.LogWarning(ex, "Could not tell the other instances about {Kind}", message.Kind);
        }
    }
}

public static class OtherInstancesRegistration
{
    /// <summary>The sender and the listener of instance messages, as hosted services (the sender first).</summary>
    public static IServiceCollection AddOtherInstancesOnPostgres(this IServiceCollection services)
    {
        services.AddSingleton<PostgresInstanceEvents>();
        services.AddSingleton<IOtherInstances>(provider => provider.GetRequiredService<PostgresInstanceEvents>());
        services.AddHostedService(provider => provider.GetRequiredService<PostgresInstanceEvents>());
        services.AddSingleton<PostgresInstanceListener>();
        services.AddHostedService(provider => provider.GetRequiredService<PostgresInstanceListener>());
        return services;
    }
}
