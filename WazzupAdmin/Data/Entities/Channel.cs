using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Data.Entities;

/// <summary>One messenger account: one WhatsApp number, one Telegram bot.</summary>
public sealed class Channel
{
    public Guid Id { get; set; }
    public Transport Transport { get; set; }

    /// <summary>The phone number or username the channel is known by.</summary>
    public string PlainId { get; set; } = "";

    public string Name { get; set; } = "";
    public ChannelState State { get; set; } = ChannelState.Active;
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Bumped by every settings save of this channel, so that a second editor's stale save is refused.</summary>
    public long Version { get; set; }

    // New-client settings. The funnel and stage together point at one stage; either both are set or neither.
    public string? FunnelId { get; set; }
    public string? StageId { get; set; }
    public Stage? Stage { get; set; }
    public DistributionAlgorithm Algorithm { get; set; } = DistributionAlgorithm.FirstResponder;

    /// <summary>
    /// Set when the CRM removed the funnel or stage this channel created deals in: the channel then uses a fallback
    /// stage and the settings warn until an administrator chooses again.
    /// </summary>
    public DateTime? StageRemovedAtUtc { get; set; }

    /// <summary>The removed funnel and stage, as they were named, for the warning.</summary>
    public string? RemovedStageName { get; set; }

    /// <summary>
    /// The funnel and stage the administrator chose and the CRM removed, kept while the channel uses a fallback: the CRM
    /// sending the same ids again makes them the channel's stage again. Null when nothing is removed, or for a removal
    /// recorded before the choice was kept.
    /// </summary>
    public string? RemovedFunnelId { get; set; }

    public string? RemovedStageId { get; set; }

    // Routing settings. With none of them used the channel routes new clients as it always did.

    /// <summary>Only sales reps at their chat window (or within the grace period after closing it) receive new clients.</summary>
    public bool OnlyOnlineRepsReceiveNewClients { get; set; }

    /// <summary>The most unanswered clients a sales rep may hold on this channel before being skipped; null for no limit.</summary>
    public int? MaxUnansweredPerRep { get; set; }

    /// <summary>Minutes a client's offer waits for a reply (in turn) or a claim (first responder); null for no timeout.</summary>
    public int? OfferTimeoutMinutes { get; set; }

    /// <summary>In turn: how often a client moves on to the next rep before going to the managers.</summary>
    public int OfferMaxMoves { get; set; } = Domain.Distribution.Routing.OfferTimeoutSettings.DefaultMaxMoves;

    /// <summary>First responder: who the offer widens to when nobody claimed it in time.</summary>
    public Domain.Distribution.Routing.WidenOfferTo OfferWidenTo { get; set; }

    /// <summary>The most queued clients one rep is handed per minute when the queue drains.</summary>
    public int QueuePerRepPerMinute { get; set; } = Domain.Distribution.Routing.QueueDrain.DefaultPerRepPerMinute;

    /// <summary>The time zone of the channel's working hours (an IANA id); null while the channel is always open.</summary>
    public string? HoursTimeZone { get; set; }

    /// <summary>The channel's weekly hours in <see cref="Domain.Distribution.Routing.WorkingHours.Format"/>'s form.</summary>
    public string WeeklyHours { get; set; } = "";

    public Domain.Distribution.Routing.OutsideHoursChoice OutsideHours { get; set; }

    /// <summary>What happens when a known client writes and their responsible user is gone.</summary>
    public Domain.Distribution.Routing.ReturningClientChoice ReturningClients { get; set; }

    public List<ChannelAccess> Access { get; set; } = [];
}
