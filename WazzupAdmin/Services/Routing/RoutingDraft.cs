using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Services.Routing;

/// <summary>
/// Settings of a channel that an administrator is editing and has not saved, for a dry run of its routing. What is
/// null is taken as stored: the new-clients page sends its algorithm, routing and hours, the access page its users.
/// </summary>
/// <param name="Access">Every user's access as edited; the sales reps with "receives new clients" on take part.</param>
public sealed record RoutingDraft(
    DistributionAlgorithm? Algorithm = null, RoutingChoices? Routing = null, WorkingHoursChoices? Hours = null,
    IReadOnlyList<UserAccess>? Access = null)
{
    /// <summary>The channel's routing settings with the draft's changes applied.</summary>
    public RoutingSettings Apply(RoutingSettings stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored with
        {
            Algorithm = Algorithm ?? stored.Algorithm,
            OnlyOnline = Routing?.OnlyOnlineReps ?? stored.OnlyOnline,
            MaxUnanswered = Routing is null ? stored.MaxUnanswered : Routing.MaxUnansweredPerRep,
            Hours = Hours is null ? stored.Hours : Hours.IsOn ? new WorkingHours(Hours.TimeZone!, Hours.Days) : null,
            OutsideHours = Hours?.OutsideHours ?? stored.OutsideHours,
        };
    }
}

/// <summary>
/// The next new clients of a channel twice: as its settings are saved, and with the administrator's unsaved changes.
/// </summary>
/// <param name="Error">What in the draft cannot be saved, next to its field; both lists are then empty.</param>
public sealed record RoutingDryRun(IReadOnlyList<UpcomingClient> AsSaved, IReadOnlyList<UpcomingClient> WithChanges, FieldError? Error = null)
{
    /// <summary>How many of the next clients would go elsewhere with the changes.</summary>
    public int Differences => AsSaved.Zip(WithChanges).Count(pair => !pair.First.SameAs(pair.Second));

    public static RoutingDryRun Invalid(FieldError error) => new([], [], error);
}
