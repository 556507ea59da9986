using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;

namespace WazzupAdmin.Services.Routing;

/// <summary>
/// What the <see cref="RoutingPlanner"/> needs to know about one channel right now, read from the store and the open
/// chat windows: its routing settings and each sales rep with "receives new clients" on, with their status and, where a
/// cap applies, their unanswered clients on the channel. Kept for a batch of incoming messages, it counts each client
/// it hands out, so concurrent new clients of one batch see the caps as the ones before them left them; the writer keeps
/// it for its next batches too while nothing else writes to the store, with the reps' presence taken anew each time.
/// </summary>
public sealed class ChannelRoutingState
{
    private readonly Dictionary<string, RepSnapshot> reps;
    private readonly Dictionary<string, string> names;
    private readonly HashSet<string> away;

    private ChannelRoutingState(RoutingSettings settings, Dictionary<string, RepSnapshot> reps, Dictionary<string, string> names, HashSet<string> away, DateOnly readOn)
    {
        Settings = settings;
        this.reps = reps;
        this.names = names;
        this.away = away;
        ReadOn = readOn;
    }

    /// <summary>The UTC date the reps' days off were read around: the state knows the days off from the day before to the day after.</summary>
    public DateOnly ReadOn { get; }

    public RoutingSettings Settings { get; }

    public IReadOnlyCollection<RepSnapshot> Reps => reps.Values;

    /// <summary>The channel's routing settings as stored.</summary>
    public static RoutingSettings SettingsOf(Channel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return new RoutingSettings(channel.Algorithm)
        {
            OnlyOnline = channel.OnlyOnlineRepsReceiveNewClients,
            MaxUnanswered = channel.MaxUnansweredPerRep,
            Hours = HoursOf(channel),
            OutsideHours = channel.OutsideHours,
        };
    }

    /// <summary>The channel's working hours as stored; null while it is always open (or what is stored cannot be read).</summary>
    public static WorkingHours? HoursOf(Channel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return WorkingHours.IsKnownTimeZone(channel.HoursTimeZone) && WorkingHours.Parse(channel.WeeklyHours) is { } days
            ? new WorkingHours(channel.HoursTimeZone!, days)
            : null;
    }

    /// <summary>The channel's offer timeout as stored.</summary>
    public static OfferTimeoutSettings TimeoutOf(Channel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return new OfferTimeoutSettings(channel.OfferTimeoutMinutes, channel.OfferMaxMoves, channel.OfferWidenTo);
    }

    /// <summary>A sales rep who takes part in the channel's distribution, as the store (or a draft of its access) has them.</summary>
    public sealed record RepRow(string CrmUserId, int? MaxUnanswered, int Weight, long Credit, string Name, DateTime? AwaySinceUtc);

    /// <param name="alsoNamed">Users whose names the reasons may mention besides the reps (the last one served).</param>
    /// <param name="settings">Routing settings to decide with instead of the stored ones (a dry run's).</param>
    /// <param name="repsAsEdited">The reps who take part instead of the stored ones (a dry run's, from <see cref="RowsAsEditedAsync"/>).</param>
    public static async Task<ChannelRoutingState> LoadAsync(
        AppDbContext db, Channel channel, RepPresence presence, IEnumerable<string?> alsoNamed, CancellationToken cancellationToken,
        RoutingSettings? settings = null, IReadOnlyList<RepRow>? repsAsEdited = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(presence);
        settings ??= SettingsOf(channel);
        var rows = repsAsEdited ?? await RepRowsOf.For(db)(db, channel.Id).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.CrmUserId).ToList();
        var unanswered = settings.MaxUnanswered is not null || rows.Any(r => r.MaxUnanswered is not null)
            ? await UnansweredAsync(db, channel.Id, ids, cancellationToken)
            : [];
        // Whatever the channel's zone, its calendar date is within a day of UTC's.
        var utcToday = DateOnly.FromDateTime(presence.Now.UtcDateTime);
        var (from, to) = (utcToday.AddDays(-1), utcToday.AddDays(1));
        var daysOff = (await DaysOffOf.For(db)(db, ids, from, to).ToListAsync(cancellationToken))
            .ToLookup(d => d.CrmUserId, d => d.Date, StringComparer.Ordinal);
        var reps = rows.ToDictionary(
            r => r.CrmUserId,
            r => new RepSnapshot(r.CrmUserId)
            {
                DaysOff = [.. daysOff[r.CrmUserId]],
                Presence = presence.Of(r.CrmUserId, r.AwaySinceUtc is not null),
                MaxUnanswered = r.MaxUnanswered,
                Unanswered = unanswered.GetValueOrDefault(r.CrmUserId),
                Weight = r.Weight,
                Credit = r.Credit,
            },
            StringComparer.Ordinal);
        var names = rows.ToDictionary(r => r.CrmUserId, r => r.Name, StringComparer.Ordinal);
        var others = alsoNamed.OfType<string>().Where(id => !names.ContainsKey(id)).Distinct().ToList();
        if (others.Count > 0)
        {
            foreach (var user in await db.CrmUsers.AsNoTracking().Where(u => others.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken))
            {
                names[user.Id] = user.Name;
            }
        }

        var awayInStore = rows.Where(r => r.AwaySinceUtc is not null).Select(r => r.CrmUserId).ToHashSet(StringComparer.Ordinal);
        return new ChannelRoutingState(settings, reps, names, awayInStore, utcToday);
    }

    // Read for every batch of new clients, so compiled once: uncompiled, EF Core's building and looking up of the queries
    // cost the writer more than the store's answers did.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, IAsyncEnumerable<RepRow>>> RepRowsOf = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, Guid channelId) => db.ChannelAccess.AsNoTracking()
            .Where(a => a.ChannelId == channelId).Where(ChannelAccessQueries.TakesNewClients)
            .Select(a => new RepRow(a.CrmUserId, a.MaxUnanswered, a.Weight, a.Credit, a.CrmUser!.Name, a.CrmUser.AwaySinceUtc))));

    private static readonly CompiledQuery<Func<AppDbContext, List<string>, DateOnly, DateOnly, IAsyncEnumerable<RepDayOff>>> DaysOffOf = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, List<string> ids, DateOnly from, DateOnly to) => db.RepDaysOff.AsNoTracking()
            .Where(d => ids.Contains(d.CrmUserId) && d.Date >= from && d.Date <= to)));

    /// <summary>
    /// The reps who would take part with the channel's access as edited: the sales reps with "receives new clients" on
    /// who still exist, with their edited limit and weight, and the credit their stored access holds (a rep given access
    /// now starts from none, as a save would store them).
    /// </summary>
    public static async Task<IReadOnlyList<RepRow>> RowsAsEditedAsync(
        AppDbContext db, Guid channelId, IEnumerable<Settings.UserAccess> access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var eligible = access.Where(a => Domain.Access.ChannelAccessRules.IsEligibleForNewClients(a.Role, a.ReceivesNewClients)).ToList();
        var ids = eligible.Select(a => a.UserId).ToList();
        var users = await db.CrmUsers.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new { u.Name, u.AwaySinceUtc }, StringComparer.Ordinal, cancellationToken);
        var credits = await db.ChannelAccess.AsNoTracking().Where(a => a.ChannelId == channelId && ids.Contains(a.CrmUserId))
            .ToDictionaryAsync(a => a.CrmUserId, a => a.Credit, StringComparer.Ordinal, cancellationToken);
        return
        [
            .. eligible.Where(a => users.ContainsKey(a.UserId)).Select(a => new RepRow(
                a.UserId, a.MaxUnanswered, a.Weight, credits.GetValueOrDefault(a.UserId), users[a.UserId].Name, users[a.UserId].AwaySinceUtc)),
        ];
    }

    /// <summary>
    /// Each rep's unanswered clients on the channel: the ones they are responsible for and the unclaimed ones offered to
    /// them, whose client wrote last.
    /// </summary>
    public static async Task<Dictionary<string, int>> UnansweredAsync(AppDbContext db, Guid channelId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = userIds.ToList();
        var responsible = await ResponsibleUnanswered.For(db)(db, channelId, ids).ToListAsync(cancellationToken);
        var offered = await OfferedUnanswered.For(db)(db, channelId, ids).ToListAsync(cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in responsible.Concat(offered))
        {
            counts[row.UserId] = counts.GetValueOrDefault(row.UserId) + row.Count;
        }

        return counts;
    }

    // Counted for every batch of new clients where a limit of unanswered clients applies, so compiled once too.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, List<string>, IAsyncEnumerable<UserCount>>> ResponsibleUnanswered = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, Guid channelId, List<string> ids) => db.Conversations.AsNoTracking()
            .Where(c => c.ChannelId == channelId && c.Unanswered && c.Contact!.ResponsibleUserId != null && ids.Contains(c.Contact.ResponsibleUserId))
            .GroupBy(c => c.Contact!.ResponsibleUserId!)
            .Select(g => new UserCount(g.Key, g.Count()))));

    private static readonly CompiledQuery<Func<AppDbContext, Guid, List<string>, IAsyncEnumerable<UserCount>>> OfferedUnanswered = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, Guid channelId, List<string> ids) => db.ConversationOffers.AsNoTracking()
            .Where(o => ids.Contains(o.UserId))
            .Join(db.Conversations.Where(c => c.ChannelId == channelId && c.Unanswered && c.Contact!.ResponsibleUserId == null),
                o => o.ConversationId, c => c.Id, (o, c) => o.UserId)
            .GroupBy(u => u)
            .Select(g => new UserCount(g.Key, g.Count()))));

    private sealed record UserCount(string UserId, int Count);

    public string NameOf(string userId) => names.GetValueOrDefault(userId, userId);

    public RoutingPlan Plan(string? lastAssigned, DateTimeOffset now) => RoutingPlanner.Plan(Settings, reps.Values, lastAssigned, now);

    /// <summary>
    /// Counts the client the plan handed out toward its reps' unanswered clients and, in turn with weights, takes the
    /// reps' new credits, which <see cref="ChangedCredits"/> then lists for the caller to store.
    /// </summary>
    public void Handed(RoutingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var userId in plan.OfferedTo.Append(plan.AssignedTo).OfType<string>())
        {
            BecameUnanswered(userId);
        }

        foreach (var (userId, credit) in plan.Credits)
        {
            if (reps.TryGetValue(userId, out var rep) && rep.Credit != credit)
            {
                reps[userId] = rep with { Credit = credit };
                changedCredits.Add(userId);
            }
        }
    }

    private readonly HashSet<string> changedCredits = new(StringComparer.Ordinal);

    /// <summary>The reps whose credit changed since the state was read, with the credit to store.</summary>
    public IEnumerable<(string UserId, long Credit)> ChangedCredits => changedCredits.Select(id => (id, reps[id].Credit));

    /// <summary>The changed credits have been stored: <see cref="ChangedCredits"/> starts again from none.</summary>
    public void CreditsStored() => changedCredits.Clear();

    /// <summary>
    /// Each rep's presence as the open chat windows show it now, for a state kept after its batch committed, while
    /// nothing else wrote to the store: presence is the one input that changes without a write.
    /// </summary>
    public void RefreshPresence(RepPresence presence)
    {
        ArgumentNullException.ThrowIfNull(presence);
        foreach (var (userId, rep) in reps.ToList())
        {
            reps[userId] = rep with { Presence = presence.Of(userId, away.Contains(userId)) };
        }
    }

    /// <summary>A client of <paramref name="userId"/> on the channel wrote after being answered.</summary>
    public void BecameUnanswered(string userId)
    {
        if (reps.TryGetValue(userId, out var rep))
        {
            reps[userId] = rep with { Unanswered = rep.Unanswered + 1 };
        }
    }

    /// <summary>An unanswered client of <paramref name="userId"/> on the channel went to someone else.</summary>
    public void NoLongerUnanswered(string userId)
    {
        if (reps.TryGetValue(userId, out var rep) && rep.Unanswered > 0)
        {
            reps[userId] = rep with { Unanswered = rep.Unanswered - 1 };
        }
    }

    /// <summary>The reps the plan passed over, by name, with why, as the assignment history keeps them.</summary>
    public IReadOnlyList<SkippedRep> SkippedIn(RoutingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.Skipped.Select(v => new SkippedRep(NameOf(v.UserId), v.Skipped!.Value))];
    }

    /// <summary>The plan as the reason an administrator reads in the assignment history.</summary>
    public AssignmentReason ReasonFor(RoutingPlan plan, string? lastAssigned)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var skipped = SkippedIn(plan);
        var reason = plan.Outcome switch
        {
            RoutingOutcome.Assigned => AssignmentReason.InTurn(lastAssigned is null ? null : NameOf(lastAssigned), [.. plan.Eligible.Select(NameOf)]),
            RoutingOutcome.Offered => AssignmentReason.Offered([.. plan.OfferedTo.Select(NameOf)]),
            RoutingOutcome.Queued => AssignmentReason.NobodyAvailable([]),
            _ => AssignmentReason.NobodyEligible(),
        };
        return reason with { Skipped = skipped };
    }
}
