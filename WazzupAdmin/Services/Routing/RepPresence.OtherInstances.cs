namespace WazzupAdmin.Services.Routing;

/// <summary>
/// What the other instances say of their windows: a user counts as online here too while another instance says a window
/// of theirs is open there, until that instance says otherwise, stops, or falls silent.
/// </summary>
public sealed partial class RepPresence
{
    // User → instance → when that instance last said the user is online there.
    private readonly Dictionary<string, Dictionary<Guid, DateTimeOffset>> elsewhere = new(StringComparer.Ordinal);

    /// <summary>Another instance says whether a window of the user counts as open there.</summary>
    public void OnOtherInstance(Guid instance, string userId, bool online)
    {
        lock (gate)
        {
            if (online)
            {
                Heard(instance, userId);
            }
            else
            {
                Forget(instance, userId);
            }
        }

        subscribers.Publish(userId);
    }

    /// <summary>Another instance's periodic list of the users online there.</summary>
    public void HeartbeatOfOtherInstance(Guid instance, IReadOnlyCollection<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var cameOnline = new List<string>();
        lock (gate)
        {
            foreach (var userId in userIds)
            {
                if (!IsOnlineHere(userId) && !elsewhere.ContainsKey(userId))
                {
                    cameOnline.Add(userId);
                }

                Heard(instance, userId);
            }
        }

        cameOnline.ForEach(subscribers.Publish);
    }

    /// <summary>Another instance stopped: its users are online only where else they are.</summary>
    public void OtherInstanceLeft(Guid instance) => ForgetWhere((from, _) => from == instance);

    /// <summary>Forgets what other instances said before <paramref name="cutoff"/> and did not say again.</summary>
    public void ExpireOtherInstances(DateTimeOffset cutoff) => ForgetWhere((_, heard) => heard < cutoff);

    private void ForgetWhere(Func<Guid, DateTimeOffset, bool> stale)
    {
        var wentOffline = new List<string>();
        lock (gate)
        {
            foreach (var (userId, instances) in elsewhere.ToList())
            {
                foreach (var (instance, heard) in instances.ToList())
                {
                    if (stale(instance, heard))
                    {
                        Forget(instance, userId);
                    }
                }

                if (!elsewhere.ContainsKey(userId) && !IsOnlineHere(userId))
                {
                    wentOffline.Add(userId);
                }
            }
        }

        wentOffline.ForEach(subscribers.Publish);
    }

    private void Heard(Guid instance, string userId)
    {
        if (!elsewhere.TryGetValue(userId, out var instances))
        {
            instances = [];
            elsewhere[userId] = instances;
        }

        instances[instance] = clock.GetUtcNow();
    }

    private void Forget(Guid instance, string userId)
    {
        if (elsewhere.TryGetValue(userId, out var instances) && instances.Remove(instance) && instances.Count == 0)
        {
            elsewhere.Remove(userId);
        }
    }
}
