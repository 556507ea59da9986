namespace WazzupAdmin.Domain.Webhooks;

/// <summary>
/// How long a delivery worker holds an outbox event it is sending. Longer than one delivery can take, so that no other
/// instance sends the event while its answer may still come; short enough that the event of an instance that crashed
/// mid-delivery is sent again within minutes.
/// </summary>
public static class DeliveryLease
{
    /// <summary>The longest holder name the outbox keeps.</summary>
    public const int HolderMaxLength = 100;

    /// <summary>Time for the store's own round trips around the request (reading the event, the CRM's answer saved).</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Every request of one delivery timed out (<paramref name="immediateRetries"/> + 1 of <paramref name="attemptTimeout"/>),
    /// plus the pauses between them (exponential from <paramref name="immediateRetryDelay"/>, counted twice for the
    /// jitter), plus <see cref="Margin"/>.
    /// </summary>
    public static TimeSpan Length(TimeSpan attemptTimeout, int immediateRetries, TimeSpan immediateRetryDelay)
    {
        var requests = Math.Max(immediateRetries, 0) + 1;
        var pauses = TimeSpan.Zero;
        for (var retry = 0; retry < immediateRetries; retry++)
        {
            pauses += immediateRetryDelay * Math.Pow(2, Math.Min(retry, 30) + 1);
        }

        return (attemptTimeout * requests) + pauses + Margin;
    }

    /// <summary>A worker's name in the outbox: the machine and process, to find it, and a random part, to tell two apart.</summary>
    public static string HolderName(string machineName, int processId, Guid unique)
    {
        var name = $"{machineName}:{processId}:{unique:N}";
        return name.Length <= HolderMaxLength ? name : name[^HolderMaxLength..];
    }
}
