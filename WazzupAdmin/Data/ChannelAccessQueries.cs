using System.Linq.Expressions;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Access;

namespace WazzupAdmin.Data;

public static class ChannelAccessQueries
{
    /// <summary>
    /// Whether an access row's user takes part in the distribution of the channel's new clients: the store's form of
    /// <see cref="ChannelAccessRules.IsEligibleForNewClients"/>. An expression, so that compiled queries (the writer's,
    /// in ChannelRoutingState) use the same condition as <see cref="EligibleForNewClients"/>.
    /// </summary>
    public static readonly Expression<Func<ChannelAccess, bool>> TakesNewClients = a => a.Role == ChannelRole.SalesRep && a.ReceivesNewClients;

    /// <summary>
    /// The sales reps of a channel who take part in the distribution of its new clients, shared by the distribution and
    /// by what previews it.
    /// </summary>
    public static IQueryable<ChannelAccess> EligibleForNewClients(this IQueryable<ChannelAccess> access, Guid channelId) =>
        access.Where(a => a.ChannelId == channelId).Where(TakesNewClients);
}
