using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Components.Shared;

/// <summary>The distribution algorithms' names and explanations as every page shows them (English keys of the localizer).</summary>
public static class AlgorithmTexts
{
    public const string FirstResponder = Services.Audit.AuditText.FirstResponder;
    public const string InTurn = Services.Audit.AuditText.InTurn;
    public const string FirstResponderExplained =
        "Every eligible sales rep sees the new client; the first one to reply becomes responsible and the others lose the chat.";
    public const string InTurnExplained =
        "Eligible sales reps receive new clients one after another, evenly; only the rep whose turn it is sees the new client.";

    public static string Name(DistributionAlgorithm algorithm) =>
        algorithm == DistributionAlgorithm.InTurn ? InTurn : FirstResponder;

    public static string Explanation(DistributionAlgorithm algorithm) =>
        algorithm == DistributionAlgorithm.InTurn ? InTurnExplained : FirstResponderExplained;
}
