using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Access;

namespace WazzupAdmin.Data;

public static class ChannelAccessQueries
{
    /// <summary>
    /// The sales reps of a channel who take part in the distribution of its new clients: the store's form of
    /// <see cref="ChannelAccessRules.IsEligibleForNewClients"/>, shared by the distribution and by what previews it.
    /// The writer of clients' messages reads the same condition through a compiled query of its own
    /// (ChannelRoutingState), since a compiled query cannot call this method.
    /// </summary>
    public static IQueryable<ChannelAccess> EligibleForNewClients(this IQueryable<ChannelAccess> access, Guid channelId) =>
        access.Where(a => a.ChannelId == channelId && a.Role == ChannelRole.SalesRep && a.ReceivesNewClients);
}
