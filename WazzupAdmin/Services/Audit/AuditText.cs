using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Services.Audit;

/// <summary>
/// The words audit entries are stored in: the UI's own English texts, so that the audit page can show them in the
/// reader's language through the same resources as the rest of the UI. A {0} stands for the entry's subject.
/// </summary>
public static class AuditText
{
    public const string ChannelAdded = "Channel added";
    public const string ChannelName = "Channel name";
    public const string ChannelState = "Channel state";
    public const string AccessOf = "Access of {0}";
    public const string NewClientStage = "Funnel and stage for new clients";
    public const string DistributionAlgorithm = "Distribution algorithm";
    public const string CrmRefreshed = "CRM data refreshed";
    public const string AccountCreated = "Account created";
    public const string CrmUserOf = "CRM user of {0}";
    public const string AccountUnlocked = "Account {0} unlocked";
    public const string PasswordOf = "Password of {0} set";
    public const string AdministratorRoleOf = "Administrator role of {0}";
    public const string AccountDeleted = "Account {0} deleted";
    public const string CrmRemovedNewClientStage = "Funnel and stage for new clients removed by the CRM";
    public const string CrmRestoredNewClientStage = "Funnel and stage for new clients sent again by the CRM";
    public const string OnlyOnlineReps = "Only online sales reps receive new clients";
    public const string MaxUnansweredPerRep = "Most unanswered clients per sales rep";
    public const string QueuePerRepPerMinute = "Most queued clients per sales rep per minute";
    public const string WorkingHours = "Working hours";
    public const string WeightOf = "Weight";
    public const string DayOff = "Day off";
    public const string ReturningClients = "When a known client writes and their responsible user is gone";
    public const string ReturningWait = "The client waits for them";
    public const string ReturningNextRep = "The client goes to the next sales rep in turn";
    public const string ReturningManagers = "The client goes to the channel's managers, unassigned";
    public const string OutsideHours = "Outside working hours";
    public const string QueueUntilOpen = "The client waits in the queue until the channel opens";
    public const string DistributeAnyway = "The client is distributed anyway";
    public const string MaxUnansweredOf = "Most unanswered clients of {0}";
    public const string OfferTimeout = "Offer timeout in minutes";
    public const string OfferMaxMoves = "Most moves to the next sales rep";
    public const string OfferWidenTo = "When nobody claims in time, widen the offer to";
    public const string Off = "Off";
    public const string AllSalesReps = "All sales reps of the channel";
    public const string Managers = "The managers";

    public const string NoAccess = "No access";
    public const string QualityControl = "Quality control";
    public const string Manager = "Manager";
    public const string SalesRepReceiving = "Sales rep, receives new clients";
    public const string SalesRepNotReceiving = "Sales rep, does not receive new clients";
    public const string FirstResponder = "First responder";
    public const string InTurn = "In turn";
    public const string Active = "Active";
    public const string Disabled = "Disabled";
    public const string Administrator = "Administrator";
    public const string Yes = "Yes";
    public const string No = "No";
    public const string NoLimit = "No limit";
    public const string ChannelLimit = "The channel's limit";

    public static string Access(ChannelRole role, bool receivesNewClients) => role switch
    {
        ChannelRole.QualityControl => QualityControl,
        ChannelRole.Manager => Manager,
        ChannelRole.SalesRep => receivesNewClients ? SalesRepReceiving : SalesRepNotReceiving,
        _ => NoAccess,
    };

    public static string YesNo(bool value) => value ? Yes : No;

    public static string Returning(Domain.Distribution.Routing.ReturningClientChoice choice) => choice switch
    {
        Domain.Distribution.Routing.ReturningClientChoice.NextRep => ReturningNextRep,
        Domain.Distribution.Routing.ReturningClientChoice.Managers => ReturningManagers,
        _ => ReturningWait,
    };

    public static string OutsideHoursChoice(Domain.Distribution.Routing.OutsideHoursChoice choice) =>
        choice == Domain.Distribution.Routing.OutsideHoursChoice.DistributeAnyway ? DistributeAnyway : QueueUntilOpen;

    public static string WidenTo(Domain.Distribution.Routing.WidenOfferTo widenTo) =>
        widenTo == Domain.Distribution.Routing.WidenOfferTo.Managers ? Managers : AllSalesReps;

    /// <summary>A limit as stored in an entry: the number itself needs no translation.</summary>
    public static string Limit(int? limit, string none = NoLimit) => limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? none;

    public static string Algorithm(Domain.Distribution.DistributionAlgorithm algorithm) =>
        algorithm == Domain.Distribution.DistributionAlgorithm.InTurn ? InTurn : FirstResponder;
}
