using Microsoft.Extensions.Options;
using WazzupAdmin.Domain.Distribution.Routing;

namespace WazzupAdmin.Services.Routing;

/// <summary>
/// Which CRM users have a chat window open in this process: a user is online while one of their windows (circuits) is
/// open, and for <see cref="RoutingOptions.PresenceGracePeriod"/> after the last one closes, so that a reload or a
/// dropped connection does not count as leaving. Away is the user's own word and lives in the store; this only tracks
/// windows. Every change (a first window opening, the grace period running out, a user's away switch) is published to
/// the subscribers, which is how the access page shows statuses live and how waiting clients learn of a rep.
/// <para>
/// On PostgreSQL, with several instances, a user is also online while another instance says a window of theirs is open
/// there: each change here is told to the others (<paramref name="otherInstances"/>), and each instance repeats, as a
/// heartbeat, which users are online on it; a user heard of from an instance that then falls silent (it crashed) goes
/// offline when <see cref="ExpireOtherInstances"/> finds the heartbeat too old.
/// </para>
/// </summary>
public sealed partial class RepPresence(
    TimeProvider clock, IOptions<RoutingOptions> options, ILogger<RepPresence> logger, Instances.IOtherInstances? otherInstances = null) : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Windows> users = new(StringComparer.Ordinal);
    private readonly Subscribers<string> subscribers = new(logger, "A subscriber to the presence of reps");

    private sealed class Windows
    {
        public int Open;
        public DateTimeOffset? LastClosedAt;
        public ITimer? GraceTimer;
    }

    /// <summary>Counts a chat window of <paramref name="userId"/> as open until the result is disposed.</summary>
    public IDisposable WindowOpened(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        bool cameOnline;
        lock (gate)
        {
            if (!users.TryGetValue(userId, out var windows))
            {
                windows = new Windows();
                users[userId] = windows;
            }

            cameOnline = windows.Open == 0 && !WithinGrace(windows, clock.GetUtcNow());
            windows.Open++;
            windows.GraceTimer?.Dispose();
            windows.GraceTimer = null;
        }

        if (cameOnline)
        {
            Publish(userId);
        }

        return new Window(this, userId);
    }

    /// <summary>The app's clock, which presence and the routing state read with it go by.</summary>
    internal DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>How long leaving (a closed window, a short away) may last before it counts.</summary>
    internal TimeSpan GracePeriod => options.Value.PresenceGracePeriod;

    /// <summary>Whether the user has a window open or closed their last one within the grace period.</summary>
    public bool IsOnline(string userId)
    {
        lock (gate)
        {
            return IsOnlineHere(userId) || elsewhere.ContainsKey(userId);
        }
    }

    /// <summary>The users online by their windows on this instance.</summary>
    public IReadOnlyCollection<string> OnlineHere()
    {
        lock (gate)
        {
            return [.. users.Keys.Where(IsOnlineHere)];
        }
    }

    private bool IsOnlineHere(string userId) =>
        users.TryGetValue(userId, out var windows) && (windows.Open > 0 || WithinGrace(windows, clock.GetUtcNow()));

    /// <summary>Online or offline by the windows, away when the user said so.</summary>
    public Presence Of(string userId, bool away) => away ? Presence.Away : IsOnline(userId) ? Presence.Online : Presence.Offline;

    /// <summary>Tells the subscribers that the user's status changed for another reason (their away switch).</summary>
    public void Changed(string userId) => Publish(userId);

    /// <summary>Calls <paramref name="handler"/> with the user's id whenever a user's status may have changed.</summary>
    public IDisposable Subscribe(Func<string, Task> handler) => subscribers.Add(handler);

    private bool WithinGrace(Windows windows, DateTimeOffset now) =>
        windows.LastClosedAt is { } closed && now - closed < options.Value.PresenceGracePeriod;

    private void Closed(string userId)
    {
        var grace = options.Value.PresenceGracePeriod;
        lock (gate)
        {
            var windows = users[userId];
            windows.Open--;
            if (windows.Open > 0)
            {
                return;
            }

            windows.LastClosedAt = clock.GetUtcNow();
            windows.GraceTimer?.Dispose();
            windows.GraceTimer = grace > TimeSpan.Zero ? clock.CreateTimer(_ => GraceEnded(userId), null, grace, Timeout.InfiniteTimeSpan) : null;
        }

        if (grace <= TimeSpan.Zero)
        {
            Publish(userId);
        }
    }

    private void GraceEnded(string userId)
    {
        lock (gate)
        {
            if (!users.TryGetValue(userId, out var windows) || windows.Open > 0)
            {
                return;
            }

            windows.GraceTimer?.Dispose();
            windows.GraceTimer = null;

            // A timer may fire a moment before the clock says the grace period is over; announced then, the user would
            // still read as online and nothing would announce them again. Wait out the rest.
            var left = windows.LastClosedAt!.Value + options.Value.PresenceGracePeriod - clock.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                windows.GraceTimer = clock.CreateTimer(_ => GraceEnded(userId), null, left, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        Publish(userId);
    }

    private void Publish(string userId)
    {
        subscribers.Publish(userId);
        if (otherInstances is not null)
        {
            bool onlineHere;
            lock (gate)
            {
                onlineHere = IsOnlineHere(userId);
            }

            otherInstances.PresenceChanged(userId, onlineHere);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var windows in users.Values)
            {
                windows.GraceTimer?.Dispose();
            }
        }
    }

    private sealed class Window(RepPresence owner, string userId) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Closed(userId);
            }
        }
    }
}
