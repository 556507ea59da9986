namespace WazzupAdmin.Domain.Distribution.Routing;

/// <summary>A client waiting in a channel's queue: nobody could take them when they wrote.</summary>
public sealed record QueuedClient(long ConversationId, DateTimeOffset QueuedAt);

/// <summary>A queued client handed out, with the plan that chose who gets them.</summary>
public sealed record QueueHandOut(QueuedClient Client, RoutingPlan Plan)
{
    /// <summary>How long the client waited in the queue, in whole minutes.</summary>
    public int WaitedMinutes(DateTimeOffset now) => (int)Math.Max(0, Math.Floor((now - Client.QueuedAt).TotalMinutes));
}

/// <summary>
/// A channel's queue of clients nobody could take (everyone offline, away, at capacity, outside hours, on a day off):
/// drained oldest first as soon as someone can take a client, and at most <see cref="QueueDrain.DefaultPerRepPerMinute"/>
/// (the channel's setting) per rep per minute, so the first rep online in the morning does not get the whole night.
/// Pure: the reps' state, the clients waiting and what each rep was handed in the last minute come in, the hand-outs go out.
/// </summary>
public static class QueueDrain
{
    public const int DefaultPerRepPerMinute = 3;
    public const int MinPerRepPerMinute = 1;
    public const int MaxPerRepPerMinute = 100;

    /// <summary>The window the pace counts over.</summary>
    public static readonly TimeSpan PaceWindow = TimeSpan.FromMinutes(1);

    /// <param name="queued">The channel's waiting clients; they are served oldest first whatever their order here.</param>
    /// <param name="handedLastMinute">Per rep, how many queued clients they were handed within <see cref="PaceWindow"/>.</param>
    /// <param name="lastAssigned">In turn: who received the channel's previous client.</param>
    public static IReadOnlyList<QueueHandOut> Drain(
        RoutingSettings settings, IReadOnlyCollection<RepSnapshot> reps, string? lastAssigned, IEnumerable<QueuedClient> queued,
        IReadOnlyDictionary<string, int> handedLastMinute, int perRepPerMinute, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(reps);
        ArgumentNullException.ThrowIfNull(queued);
        ArgumentNullException.ThrowIfNull(handedLastMinute);
        var pace = Math.Clamp(perRepPerMinute, MinPerRepPerMinute, MaxPerRepPerMinute);
        var state = reps.DistinctBy(r => r.UserId).ToDictionary(r => r.UserId, StringComparer.Ordinal);
        var handed = new Dictionary<string, int>(handedLastMinute, StringComparer.Ordinal);
        var handOuts = new List<QueueHandOut>();
        foreach (var client in queued.OrderBy(c => c.QueuedAt).ThenBy(c => c.ConversationId))
        {
            var paced = state.Values.Where(r => handed.GetValueOrDefault(r.UserId) >= pace).Select(r => r.UserId).ToHashSet(StringComparer.Ordinal);
            var open = state.Values.Where(r => !paced.Contains(r.UserId)).ToList();
            if (open.Count == 0)
            {
                break;
            }

            var plan = RoutingPlanner.Plan(settings, open, lastAssigned, now);
            if (plan.Outcome is not (RoutingOutcome.Assigned or RoutingOutcome.Offered))
            {
                // The state is the same for every client behind this one: nobody later can be taken either.
                break;
            }

            plan = plan with
            {
                Verdicts = [.. plan.Verdicts, .. paced.Order(StringComparer.Ordinal).Select(id => new RepVerdict(id, SkipReason.QueuePace))],
            };
            handOuts.Add(new QueueHandOut(client, plan));
            foreach (var userId in RoutingPlanner.Handed(state, plan))
            {
                handed[userId] = handed.GetValueOrDefault(userId) + 1;
            }

            lastAssigned = plan.AssignedTo ?? lastAssigned;
        }

        return handOuts;
    }
}
