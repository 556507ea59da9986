namespace WazzupAdmin.Domain.Distribution.Routing;

/// <summary>What happens when a known client writes and the user responsible for them is gone.</summary>
public enum ReturningClientChoice
{
    /// <summary>The client waits for their responsible user, as they always did.</summary>
    Wait = 0,

    /// <summary>The client goes to the next sales rep in turn who can take them; to the managers when nobody can.</summary>
    NextRep = 1,

    /// <summary>The client goes to the channel's managers, unassigned.</summary>
    Managers = 2,
}

/// <summary>The responsible user of a returning client, as far as whether they are there.</summary>
/// <param name="Exists">The CRM still has the user.</param>
/// <param name="HasAccess">The user has a role on the channel that lets them answer its clients (sales rep or manager).</param>
/// <param name="AwaySince">When they set themselves away; null when they are not.</param>
/// <param name="DaysOff">Their days off.</param>
public sealed record ResponsibleState(bool Exists, bool HasAccess, DateTimeOffset? AwaySince, IReadOnlyCollection<DateOnly> DaysOff);

/// <summary>
/// Decides whether a returning client's responsible user is gone: deleted, without access to the channel, away for
/// longer than the grace period (a short break is not leaving), or on a day off by the channel's calendar.
/// </summary>
public static class ReturningClients
{
    /// <returns>Why the responsible user is gone, or null while they are there.</returns>
    public static SkipReason? Absence(ResponsibleState state, TimeSpan grace, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Exists)
        {
            return SkipReason.Deleted;
        }

        if (!state.HasAccess)
        {
            return SkipReason.NoAccess;
        }

        if (state.DaysOff.Contains(today))
        {
            return SkipReason.DayOff;
        }

        return state.AwaySince is { } since && now - since >= grace ? SkipReason.Away : null;
    }
}
