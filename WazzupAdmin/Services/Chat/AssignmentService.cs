using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Services.Chat;

public sealed record SalesRepOption(string UserId, string Name);

/// <summary>A conversation whose client nobody is responsible for.</summary>
/// <param name="SinceUtc">When the client was last distributed or assigned, or first wrote.</param>
/// <param name="OfferedTo">For an unclaimed first-responder client, the names of the reps who see it.</param>
/// <param name="SalesReps">Who the client may be assigned to: the channel's sales reps.</param>
public sealed record UnassignedClient(
    long ConversationId, Guid ChannelId, Transport Transport, string ChannelName, string ContactId, string ContactName,
    string LastMessagePreview, DateTime LastActivityAtUtc, DateTime SinceUtc, IReadOnlyList<string> OfferedTo,
    IReadOnlyList<SalesRepOption> SalesReps)
{
    /// <summary>Since when the client waits in the channel's queue for someone who can take them; null when not queued.</summary>
    public DateTime? QueuedAtUtc { get; init; }
}

public enum AssignmentStatus
{
    Assigned,
    Invalid,

    /// <summary>The signed-in account may not assign this channel's clients; nothing was written.</summary>
    Refused,
    NotFound,

    /// <summary>
    /// The client was taken (a rep's reply claimed it, or someone assigned it) after the view the assignment was made
    /// on; nothing was written and the error names who has the client now.
    /// </summary>
    Stale,
}

/// <summary>What an assignment did. Anything but <see cref="AssignmentStatus.Assigned"/> means nothing was written.</summary>
public sealed record AssignmentOutcome(AssignmentStatus Status, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Status == AssignmentStatus.Assigned;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public static AssignmentOutcome Assigned { get; } = new(AssignmentStatus.Assigned, []);

    public static AssignmentOutcome NotFound { get; } = new(AssignmentStatus.NotFound, []);
}

/// <summary>
/// Unassigned clients and who becomes responsible for them. Administrators may assign any channel's clients, a
/// channel's managers that channel's; whoever assigns, the contact and the client's new deal get the same sales rep.
/// </summary>
public sealed class AssignmentService(
    IDbContextFactory<AppDbContext> dbFactory, CurrentActor currentActor, ChatNotifier notifier, TimeProvider clock)
{
    public const string SalesRepField = "SalesRepUserId";

    /// <summary>Every client nobody is responsible for, the one waiting longest first.</summary>
    public async Task<IReadOnlyList<UnassignedClient>> UnassignedAsync(CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => c.Contact!.ResponsibleUserId == null)
            .Select(c => new
            {
                c.Id,
                c.ChannelId,
                c.Channel!.Transport,
                ChannelName = c.Channel.Name,
                c.ContactId,
                ContactName = c.Contact!.Name,
                c.LastMessagePreview,
                c.LastActivityAtUtc,
                c.CreatedAtUtc,
                c.QueuedAtUtc,
                LastAssignedAtUtc = db.Assignments.Where(a => a.ConversationId == c.Id).Max(a => (DateTime?)a.AtUtc),
                OfferedTo = c.Offers.Join(db.CrmUsers, o => o.UserId, u => u.Id, (o, u) => u.Name).ToList(),
            })
            .ToListAsync(cancellationToken);

        var channelIds = rows.Select(r => r.ChannelId).Distinct().ToList();
        var reps = await SalesReps(db).Where(a => channelIds.Contains(a.ChannelId))
            .Select(a => new { a.ChannelId, Rep = new SalesRepOption(a.CrmUserId, a.CrmUser!.Name) })
            .ToListAsync(cancellationToken);
        var repsByChannel = reps.ToLookup(r => r.ChannelId, r => r.Rep);

        return
        [
            .. rows
                .Select(r => new UnassignedClient(
                    r.Id, r.ChannelId, r.Transport, r.ChannelName, r.ContactId, r.ContactName, r.LastMessagePreview, r.LastActivityAtUtc,
                    r.LastAssignedAtUtc ?? r.CreatedAtUtc, [.. r.OfferedTo.Order(StringComparer.CurrentCultureIgnoreCase)],
                    [.. repsByChannel[r.ChannelId].OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase)])
                {
                    QueuedAtUtc = r.QueuedAtUtc,
                })
                .OrderBy(c => c.SinceUtc).ThenBy(c => c.ConversationId),
        ];
    }

    /// <summary>The sales reps a conversation's client may be assigned to; empty when the signed-in account may not assign it.</summary>
    public async Task<IReadOnlyList<SalesRepOption>> SalesRepsAsync(long conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channelId = await db.Conversations.Where(c => c.Id == conversationId).Select(c => (Guid?)c.ChannelId).FirstOrDefaultAsync(cancellationToken);
        if (channelId is null || await AssignerAsync(db, channelId.Value, cancellationToken) is null)
        {
            return [];
        }

        var reps = await SalesReps(db).Where(a => a.ChannelId == channelId)
            .Select(a => new SalesRepOption(a.CrmUserId, a.CrmUser!.Name))
            .ToListAsync(cancellationToken);
        return [.. reps.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    public const string TakenMeanwhile = "{0} took this client meanwhile; nothing was changed.";

    /// <summary>
    /// Makes a sales rep of the conversation's channel responsible for its client: the contact and the client's new
    /// deal in one transaction, with the reason kept in the channel's assignment history. Unclaimed offers end.
    /// </summary>
    /// <param name="seenResponsibleUserId">
    /// Who was responsible on the view the assignment was made on; null (the default) for an unassigned client, which
    /// is all the chat window and the unassigned list offer to assign. When someone else has the client by the time the
    /// assignment is decided (a first responder's reply claimed it a moment before), the assignment is refused as
    /// <see cref="AssignmentStatus.Stale"/>: a claim is never overridden by a view that no longer holds.
    /// </param>
    public async Task<AssignmentOutcome> AssignAsync(
        long conversationId, string? salesRepUserId, string? seenResponsibleUserId = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(salesRepUserId))
        {
            return Invalid(new FieldError(SalesRepField, "Choose a sales rep."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // BEGIN IMMEDIATE: decided on what is committed while this writer holds the lock, so a first responder's
        // claim and an assignment cannot both win.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var conversation = await db.Conversations.Include(c => c.Offers).FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null)
        {
            return AssignmentOutcome.NotFound;
        }

        var assigner = await AssignerAsync(db, conversation.ChannelId, cancellationToken);
        if (assigner is null)
        {
            return new AssignmentOutcome(AssignmentStatus.Refused, [new FieldError("", "Only administrators and the channel's managers can assign its clients.")]);
        }

        var rep = await db.ChannelAccess.AsNoTracking()
            .Where(a => a.ChannelId == conversation.ChannelId && a.CrmUserId == salesRepUserId && a.Role == ChannelRole.SalesRep)
            .Select(a => new SalesRepOption(a.CrmUserId, a.CrmUser!.Name))
            .FirstOrDefaultAsync(cancellationToken);
        if (rep is null)
        {
            return Invalid(new FieldError(SalesRepField, "Only a sales rep of this channel can be made responsible for its client."));
        }

        var contact = await db.Contacts.FirstAsync(c => c.Id == conversation.ContactId, cancellationToken);
        var deal = conversation.NewClientDealId is null
            ? null
            : await db.Deals.FirstOrDefaultAsync(d => d.Id == conversation.NewClientDealId, cancellationToken);
        var holders = new ClientHolders(contact.ResponsibleUserId, conversation.Offers.Count > 0, deal is not null, deal?.ResponsibleUserId);
        var decision = Reassignment.Decide(holders, seenResponsibleUserId, rep.UserId);
        if (decision == ReassignmentOutcome.Unchanged)
        {
            return AssignmentOutcome.Assigned;
        }

        var previousUserId = contact.ResponsibleUserId;
        var previous = contact.ResponsibleUserId is null
            ? null
            : await db.CrmUsers.Where(u => u.Id == contact.ResponsibleUserId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
        if (decision == ReassignmentOutcome.Stale)
        {
            // Only a client someone holds is stale.
            return new AssignmentOutcome(AssignmentStatus.Stale, [new FieldError(SalesRepField, TakenMeanwhile, previous ?? previousUserId!)]);
        }

        ClientHandover.Apply(contact, deal, new Handover(previousUserId, rep.UserId, HandoverKind.Assigned));
        OfferEnding.Apply(conversation, OfferEndCause.Assigned);
        db.Assignments.Add(new Assignment
        {
            ConversationId = conversation.Id,
            ChannelId = conversation.ChannelId,
            UserId = rep.UserId,
            AtUtc = clock.GetUtcNow().UtcDateTime,
        }.Because(AssignmentReason.AssignedBy(assigner, previous)));
        await db.SaveChangesAsync(cancellationToken);
        await Webhooks.WebhookEvents.AssignedAsync(db, conversation.Id, previousUserId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        notifier.Publish(new ChatEvent(ChatEventKind.Reassigned, conversation.ChannelId, conversation.Id));
        return AssignmentOutcome.Assigned;
    }

    private static IQueryable<ChannelAccess> SalesReps(AppDbContext db) =>
        db.ChannelAccess.AsNoTracking().Where(a => a.Role == ChannelRole.SalesRep);

    /// <summary>
    /// The name the assignment is recorded under when the signed-in account may assign this channel's clients: any
    /// administrator, or the manager of the channel its account is linked to. Null when it may not.
    /// </summary>
    private async Task<string?> AssignerAsync(AppDbContext db, Guid channelId, CancellationToken cancellationToken)
    {
        var user = await currentActor.GetUserAsync();
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var crmUser = await CurrentCrmUser.OfAsync(db, user, cancellationToken);
        if (user.IsInRole(Roles.Administrator))
        {
            return crmUser?.Name ?? user.Identity.Name ?? "";
        }

        var role = crmUser is null
            ? ChannelRole.NoAccess
            : await db.ChannelAccess.Where(a => a.ChannelId == channelId && a.CrmUserId == crmUser.UserId)
                .Select(a => a.Role).FirstOrDefaultAsync(cancellationToken);
        return ChannelAccessRules.MayAssign(isAdministrator: false, role) ? crmUser!.Name : null;
    }

    private static AssignmentOutcome Invalid(params FieldError[] errors) => new(AssignmentStatus.Invalid, errors);
}
