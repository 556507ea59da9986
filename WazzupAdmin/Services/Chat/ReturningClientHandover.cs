using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Services.Routing;
using WazzupAdmin.Services.Webhooks;

namespace WazzupAdmin.Services.Chat;

/// <summary>
/// A returning client whose responsible user is gone (deleted, without access, away past the grace period, on a day
/// off): by the channel's choice they go to the next rep in turn or to the managers, within the incoming batch.
/// </summary>
internal static class ReturningClientHandover
{
    /// <summary>Why a returning client's responsible user is gone (with their name), or null while they are there.</summary>
    public static async Task<(SkipReason Reason, string Name)?> AbsenceAsync(
        AppDbContext db, RepPresence presence, Channel channel, string responsible, DateTime now, CancellationToken cancellationToken)
    {
        var user = await db.CrmUsers.AsNoTracking().Where(u => u.Id == responsible).Select(u => new { u.Name, u.AwaySinceUtc }).FirstOrDefaultAsync(cancellationToken);
        var role = await db.ChannelAccess.AsNoTracking().Where(a => a.ChannelId == channel.Id && a.CrmUserId == responsible)
            .Select(a => (Domain.Access.ChannelRole?)a.Role).FirstOrDefaultAsync(cancellationToken);
        var at = new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc));
        var today = ChannelRoutingState.HoursOf(channel)?.Today(at) ?? DateOnly.FromDateTime(now);
        var dayOff = await db.RepDaysOff.AnyAsync(d => d.CrmUserId == responsible && d.Date == today, cancellationToken);
        var state = new ResponsibleState(
            user is not null,
            role is { } held && Domain.Access.ChannelAccessRules.AnswersClients(held),
            user?.AwaySinceUtc is { } away ? new DateTimeOffset(DateTime.SpecifyKind(away, DateTimeKind.Utc)) : null,
            dayOff ? [today] : []);
        return ReturningClients.Absence(state, presence.GracePeriod, today, at) is { } reason ? (reason, user?.Name ?? responsible) : null;
    }

    /// <summary>
    /// The returning client's responsible user is gone: by the channel's choice the client goes to the next rep in turn
    /// who can take them, or (also when nobody can) to the managers, unassigned; recorded with why, and told to the CRM.
    /// </summary>
    /// <returns>Whether a webhook event was written.</returns>
    public static bool HandOver(
        IncomingRows rows, WebhookSubscriptions? subscription, NewClientRules channelRules,
        AcceptedMessage message, Contact contact, Conversation conversation, (SkipReason Reason, string Name) gone, DateTime now)
    {
        var channel = message.Channel;
        var previous = contact.ResponsibleUserId;
        string? to = null;
        if (channel.ReturningClients == ReturningClientChoice.NextRep)
        {
            var plan = RoutingPlanner.PlanMove(
                channelRules.Routing.Settings, channelRules.Routing.Reps, channelRules.Turn.LastAssignedUserId ?? previous ?? "", [previous!],
                new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc)));
            if (plan.Outcome == RoutingOutcome.Assigned)
            {
                to = plan.AssignedTo;
                channelRules.Turn.LastAssignedUserId = to;
                channelRules.Routing.Handed(plan);
            }
        }

        // The client, unanswered, no longer counts toward the user who is gone.
        channelRules.Routing.NoLongerUnanswered(previous!);
        var reason = to is null
            ? AssignmentReason.ReturningClientToManagers(gone.Name)
            : AssignmentReason.ReturningClientMoved(channelRules.Routing.NameOf(to), gone.Name);
        // The hot path's statements: the deal follows only while it is with the user who is gone, as Handover.DealAfter says.
        var handover = new Handover(previous, to, HandoverKind.Returning);
        rows.UpdateResponsible(contact.Id, conversation.NewClientDealId, handover.From, handover.To);
        contact.ResponsibleUserId = handover.To;
        rows.InsertAssignment(new Assignment
        {
            ConversationId = conversation.Id,
            ChannelId = channel.Id,
            UserId = to,
            AtUtc = now,
        }.Because(reason with { Skipped = [new SkippedRep(gone.Name, gone.Reason)] }));
        if (subscription is not null
            && WebhookOutbox.Event(subscription, WebhookKinds.ResponsibleChanged, contact.Id,
                new ResponsibleChangedHook(contact.Id, conversation.NewClientDealId, to ?? "", previous, channel.Id, WebhookEvents.ByAbsence, now), now) is { } changed)
        {
            rows.InsertOutboxEvent(changed);
            return true;
        }

        return false;
    }
}
