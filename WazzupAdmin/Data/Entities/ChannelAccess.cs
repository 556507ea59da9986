using WazzupAdmin.Domain.Access;

namespace WazzupAdmin.Data.Entities;

/// <summary>A user's role on one channel. A user without a row has no access to the channel.</summary>
public sealed class ChannelAccess
{
    public Guid ChannelId { get; set; }
    public Channel? Channel { get; set; }
    public string CrmUserId { get; set; } = "";
    public CrmUser? CrmUser { get; set; }
    public ChannelRole Role { get; set; }

    /// <summary>Only meaningful for sales reps: whether they take part in the distribution of new clients.</summary>
    public bool ReceivesNewClients { get; set; }

    /// <summary>Only for sales reps: their own most unanswered clients, overriding the channel's; null to use the channel's.</summary>
    public int? MaxUnanswered { get; set; }

    /// <summary>In turn: the rep's share of new clients, 1 to 10.</summary>
    public int Weight { get; set; } = 1;

    /// <summary>
    /// In turn with weights: how far the rep's share is behind (positive) or ahead (negative) of their weight, kept by
    /// smooth weighted round robin between clients.
    /// </summary>
    public long Credit { get; set; }
}
