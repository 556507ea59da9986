using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Services.Routing;

namespace WazzupAdmin.Services.Chat;

/// <summary>
/// The channel's reps as routing sees them, its rotation and where its new deals go, read once a batch; whether clients
/// wait in its queue, in which case a new client waits behind them (oldest first) rather than overtaking them. Each new
/// client of the batch is distributed with them in turn and gets its contact and deal from them.
/// </summary>
internal sealed record NewClientRules(ChannelRoutingState Routing, ChannelTurn Turn, NewClientRules.NewDealStage Stage)
{
    public bool QueueWaiting { get; set; }

    /// <summary>Where the channel's new deals go, with the names they have now, which the deal keeps.</summary>
    public sealed record NewDealStage(string? FunnelId, string? StageId, string? FunnelName, string? StageName);

    /// <summary>
    /// What the channel's next new clients are decided on: the writer's inputs, which the distribution preview and its
    /// dry run read too, so that they answer the question the writer will.
    /// </summary>
    /// <param name="settings">A dry run's routing settings instead of the stored ones.</param>
    /// <param name="repsAsEdited">A dry run's reps instead of the stored ones.</param>
    public static async Task<NewClientRules> LoadAsync(
        AppDbContext db, Channel channel, RepPresence presence, CancellationToken cancellationToken,
        RoutingSettings? settings = null, IReadOnlyList<ChannelRoutingState.RepRow>? repsAsEdited = null)
    {
        var turn = await TurnOf.For(db)(db, channel.Id, cancellationToken) ?? new ChannelTurn { ChannelId = channel.Id };

        // Every later turn of the batch goes to one of the reps, so their names and the last one served's are all it needs.
        var routing = await ChannelRoutingState.LoadAsync(db, channel, presence, [turn.LastAssignedUserId], cancellationToken, settings, repsAsEdited);
        return new NewClientRules(routing, turn, await NewDealStageAsync(db, channel, cancellationToken))
        {
            QueueWaiting = await QueueWaitingOn.For(db)(db, channel.Id, cancellationToken),
        };
    }

    /// <summary>
    /// Who the next new client goes to by the channel's algorithm, or the queue while clients wait there; takes the turn.
    /// </summary>
    public (DistributionDecision Decision, RoutingOutcome Outcome) Distribute(DateTimeOffset at)
    {
        var plan = Routing.Plan(Turn.LastAssignedUserId, at);
        var reason = Routing.ReasonFor(plan, Turn.LastAssignedUserId);
        if (QueueWaiting && plan.Outcome is RoutingOutcome.Assigned or RoutingOutcome.Offered)
        {
            plan = new RoutingPlan(RoutingOutcome.Queued, null, [], plan.Verdicts, plan.Credits);
            reason = AssignmentReason.QueuedBehindOthers();
        }

        var decision = new DistributionDecision(plan.AssignedTo, plan.OfferedTo, reason);
        Routing.Handed(plan);
        if (decision.AssignedTo is not null)
        {
            Turn.LastAssignedUserId = decision.AssignedTo;
        }

        Turn.ClientsDistributed++;
        return (decision, plan.Outcome);
    }

    /// <summary>
    /// The new client's contact with the chat they write from, and their deal in the channel's stage; both
    /// <paramref name="provisional"/> while the CRM is to create its own.
    /// </summary>
    public (Contact Contact, Deal Deal) NewRecords(AcceptedMessage message, string? assignedTo, bool provisional, CrmLinkOptions crmLinks)
    {
        var name = NewClientNames.Contact(message.Incoming.ClientName, message.ChatId);
        var contact = new Contact
        {
            Id = NewId("c"),
            Name = name,
            ResponsibleUserId = assignedTo,
            Chats = [new ContactChat { ChatType = message.ChatType, ChatId = message.ChatId, Username = message.Username, Phone = message.Phone }],
            Origin = RecordOrigin.NewClient,
            Provisional = provisional,
        };
        contact.Uri = CrmLinks.RecordUrl(crmLinks.ContactUrlTemplate, "{contactId}", contact.Id);
        var deal = new Deal
        {
            Id = NewId("d"),
            Name = NewClientNames.Deal(name, message.Channel.Name),
            ResponsibleUserId = assignedTo,
            FunnelId = Stage.FunnelId,
            StageId = Stage.StageId,
            FunnelName = Stage.FunnelName,
            StageName = Stage.StageName,
            Origin = RecordOrigin.NewClient,
            Contacts = [contact],
            Provisional = provisional,
        };
        deal.Uri = CrmLinks.RecordUrl(crmLinks.DealUrlTemplate, "{dealId}", deal.Id);
        return (contact, deal);
    }

    /// <summary>The channel's chosen stage, or while it has none (removed in the CRM), the first stage of its funnel or of the first funnel.</summary>
    private static async Task<NewDealStage> NewDealStageAsync(AppDbContext db, Channel channel, CancellationToken cancellationToken)
    {
        var stage = channel.FunnelId is not null && channel.StageId is not null
            ? await ChosenStage.For(db)(db, channel.FunnelId, channel.StageId, cancellationToken)
            : await FirstStage.For(db)(db, channel.FunnelId, cancellationToken);
        return stage ?? new NewDealStage(channel.FunnelId, channel.StageId, null, null);
    }

    // The reads of every batch that has new clients, compiled once: uncompiled, EF Core's building and looking up of each
    // query cost the writer more than the store's answers did.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, CancellationToken, Task<ChannelTurn?>>> TurnOf = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, Guid channelId, CancellationToken cancellationToken) => db.ChannelTurns.AsNoTracking().FirstOrDefault(t => t.ChannelId == channelId)));

    private static readonly CompiledQuery<Func<AppDbContext, Guid, CancellationToken, Task<bool>>> QueueWaitingOn = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, Guid channelId, CancellationToken cancellationToken) => db.Conversations.Any(c => c.QueuedAtUtc != null && c.ChannelId == channelId)));

    private static readonly CompiledQuery<Func<AppDbContext, string, string, CancellationToken, Task<NewDealStage?>>> ChosenStage = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, string funnelId, string stageId, CancellationToken cancellationToken) => db.Stages.AsNoTracking()
            .Where(s => s.FunnelId == funnelId && s.Id == stageId)
            .Select(s => new NewDealStage(s.FunnelId, s.Id, s.Funnel!.Name, s.Name))
            .FirstOrDefault()));

    private static readonly CompiledQuery<Func<AppDbContext, string?, CancellationToken, Task<NewDealStage?>>> FirstStage = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, string? funnelId, CancellationToken cancellationToken) => db.Stages.AsNoTracking()
            .OrderBy(s => s.FunnelId == funnelId ? 0 : 1).ThenBy(s => s.Funnel!.Position).ThenBy(s => s.Position)
            .Select(s => new NewDealStage(s.FunnelId, s.Id, s.Funnel!.Name, s.Name))
            .FirstOrDefault()));

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
