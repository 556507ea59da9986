using WazzupAdmin.Domain.Distribution.Routing;

namespace WazzupAdmin.Services.Settings;

/// <summary>A channel's routing choices on the new-clients page.</summary>
/// <param name="OnlyOnlineReps">Only sales reps at their chat window receive new clients.</param>
/// <param name="MaxUnansweredPerRep">The most unanswered clients a rep may hold before being skipped; null for no limit.</param>
/// <param name="QueuePerRepPerMinute">The most queued clients one rep is handed per minute when the queue drains.</param>
/// <param name="ReturningClients">What happens when a known client writes and their responsible user is gone.</param>
public sealed record RoutingChoices(
    bool OnlyOnlineReps, int? MaxUnansweredPerRep, int QueuePerRepPerMinute = QueueDrain.DefaultPerRepPerMinute,
    ReturningClientChoice ReturningClients = ReturningClientChoice.Wait)
{
    public const string ReturningClientsField = "ReturningClients";
    public const string ReturningClientsUnknown = "Choose what happens to a returning client whose responsible user is gone.";
    public const int MaxCapacity = 1000;
    public const string CapacityField = "MaxUnansweredPerRep";
    public const string CapacityRange = "Enter a whole number from 1 to 1000, or leave it empty for no limit.";
    public const string PaceField = "QueuePerRepPerMinute";
    public const string PaceRange = "Enter a whole number from 1 to 100.";
}
