using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Services.Routing;

/// <summary>Who the channel's algorithm would hand the next new client to, if one wrote now.</summary>
/// <param name="NextRep">In turn: the rep whose turn it is.</param>
/// <param name="OfferedTo">First responder: the reps it would be offered to.</param>
public sealed record DistributionPreview(
    ChannelHeader Channel, DistributionAlgorithm Algorithm, SalesRepOption? NextRep, IReadOnlyList<SalesRepOption> OfferedTo)
{
    /// <summary>Nobody is eligible: the next new client would stay unassigned.</summary>
    public bool Nobody => NextRep is null && OfferedTo.Count == 0;

    /// <summary>Reps receive new clients, but none could take one now (offline, away, at capacity).</summary>
    public bool NobodyAvailable { get; init; }

    /// <summary>The reps the next client would pass over, and why.</summary>
    public IReadOnlyList<SkippedRep> Skipped { get; init; } = [];

    /// <summary>Where the next new clients would go if they wrote one after another now and nobody replied meanwhile.</summary>
    public IReadOnlyList<UpcomingClient> Upcoming { get; init; } = [];

    /// <summary>Clients waiting in the channel's queue: the next new clients wait behind them.</summary>
    public int Queued { get; init; }
}

/// <summary>One of the next new clients in the preview: given to a rep, offered to reps, queued, or unassigned.</summary>
public sealed record UpcomingClient(string? AssignedTo, IReadOnlyList<string> OfferedTo, bool Queued)
{
    /// <summary>The client would go the same way (the record's own equality compares the list by reference).</summary>
    public bool SameAs(UpcomingClient other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return AssignedTo == other.AssignedTo && Queued == other.Queued && OfferedTo.SequenceEqual(other.OfferedTo);
    }
}

/// <param name="UserName">The user made responsible; null when the client was recorded unassigned or offered to several reps.</param>
/// <param name="Reason">Why, as facts the page renders in the reader's language.</param>
public sealed record AssignmentHistoryRow(long Id, DateTime AtUtc, long ConversationId, string ClientName, string? UserName, AssignmentReason Reason);

/// <summary>
/// What the distribution page reads: where the channel's next new clients would go, with its settings as saved or as
/// an administrator is editing them, and who each past client was given to and why. Nothing here writes.
/// </summary>
public sealed class DistributionPreviewService(
    IDbContextFactory<AppDbContext> dbFactory, CurrentActor currentActor, TimeProvider clock, RepPresence presence)
{
    /// <summary>How many of the next new clients the preview plays out.</summary>
    public const int PreviewCount = 10;

    /// <summary>Who would get the next new clients of the channel if they wrote now; null when the channel does not exist.</summary>
    public async Task<DistributionPreview?> PreviewAsync(Guid channelId, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channel = await db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        if (channel is null)
        {
            return null;
        }

        // The same question the incoming message service asks the distribution, on the same state.
        var rules = await NewClientRules.LoadAsync(db, channel, presence, cancellationToken);
        var inputs = await InputsAsync(db, channel, cancellationToken);
        var routing = rules.Routing;
        var plan = routing.Plan(rules.Turn.LastAssignedUserId, inputs.Now);
        SalesRepOption Option(string id) => new(id, routing.NameOf(id));

        return new DistributionPreview(
            ChannelHeader.From(channel),
            channel.Algorithm,
            plan.AssignedTo is null ? null : Option(plan.AssignedTo),
            [.. plan.OfferedTo.Select(Option)])
        {
            Skipped = routing.SkippedIn(plan),
            NobodyAvailable = plan.Outcome == RoutingOutcome.Queued,
            Upcoming = Upcoming(rules, inputs),
            Queued = inputs.Queued,
        };
    }

    /// <summary>
    /// A dry run: the next new clients of the channel as its settings are saved and as they would be with the draft's
    /// changes, on the same moment's reps, windows and queue. Nothing is saved; a draft that could not be saved is
    /// answered with the error its save would give. Null when the channel does not exist.
    /// </summary>
    public async Task<RoutingDryRun?> DryRunAsync(Guid channelId, RoutingDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await currentActor.RequireAdministratorAsync();
        var error = (draft.Algorithm is { } algorithm ? NewClientSettingsService.Check(algorithm, draft.Routing, null, draft.Hours) : null)
            ?? (draft.Access is { } edited ? ChannelAccessService.Check(edited) : null);
        if (error is not null)
        {
            return RoutingDryRun.Invalid(error);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channel = await db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        if (channel is null)
        {
            return null;
        }

        var inputs = await InputsAsync(db, channel, cancellationToken);
        var asSaved = await NewClientRules.LoadAsync(db, channel, presence, cancellationToken);
        var repsAsEdited = draft.Access is null ? null : await ChannelRoutingState.RowsAsEditedAsync(db, channel.Id, draft.Access, cancellationToken);
        var withChanges = await NewClientRules.LoadAsync(db, channel, presence, cancellationToken, draft.Apply(asSaved.Routing.Settings), repsAsEdited);
        return new RoutingDryRun(Upcoming(asSaved, inputs), Upcoming(withChanges, inputs));
    }

    /// <summary>Who was made responsible for the channel's clients and why, newest first.</summary>
    public async Task<Paged<AssignmentHistoryRow>> HistoryAsync(Guid channelId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Assignments.AsNoTracking().Where(a => a.ChannelId == channelId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Skip(skip).Take(take)
            .Select(a => new
            {
                a.Id,
                a.AtUtc,
                a.ConversationId,
                ClientName = db.Conversations.Where(c => c.Id == a.ConversationId).Select(c => c.Contact!.Name).FirstOrDefault() ?? "",
                UserName = db.CrmUsers.Where(u => u.Id == a.UserId).Select(u => u.Name).FirstOrDefault(),
                a.ReasonKind,
                a.ReasonActor,
                a.ReasonPrevious,
                a.ReasonNames,
                a.Reason,
                a.ReasonSkipped,
            })
            .ToListAsync(cancellationToken);
        return new Paged<AssignmentHistoryRow>(
            [.. items.Select(a => new AssignmentHistoryRow(a.Id, a.AtUtc, a.ConversationId, a.ClientName, a.UserName,
                new AssignmentReason(a.ReasonKind, a.ReasonActor, a.ReasonPrevious, a.ReasonNames, a.Reason) { Skipped = SkippedRep.Parse(a.ReasonSkipped) }))],
            total);
    }

    /// <summary>What every preview of the channel starts from besides the writer's inputs: the queue's length and one moment.</summary>
    private sealed record PreviewInputs(int Queued, DateTimeOffset Now);

    private async Task<PreviewInputs> InputsAsync(AppDbContext db, Channel channel, CancellationToken cancellationToken) =>
        new(await db.Conversations.CountAsync(c => c.QueuedAtUtc != null && c.ChannelId == channel.Id, cancellationToken), clock.GetUtcNow());

    // While clients wait in the queue, new clients wait behind them whatever the reps could take.
    private static IReadOnlyList<UpcomingClient> Upcoming(NewClientRules rules, PreviewInputs inputs) =>
    [
        .. RoutingPlanner.Preview(rules.Routing.Settings, rules.Routing.Reps, rules.Turn.LastAssignedUserId, inputs.Now, PreviewCount)
            .Select(p => new UpcomingClient(
                p.AssignedTo is null ? null : rules.Routing.NameOf(p.AssignedTo), [.. p.OfferedTo.Select(rules.Routing.NameOf)],
                Queued: inputs.Queued > 0 || p.Outcome == RoutingOutcome.Queued)),
    ];
}
