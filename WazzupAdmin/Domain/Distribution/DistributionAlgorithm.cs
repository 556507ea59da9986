namespace WazzupAdmin.Domain.Distribution;

/// <summary>How a channel hands new clients to its eligible sales reps.</summary>
public enum DistributionAlgorithm
{
    /// <summary>Every eligible rep sees the new client; the first to reply becomes responsible.</summary>
    FirstResponder = 0,

    /// <summary>Eligible reps receive new clients one after another, in a stable order.</summary>
    InTurn = 1,
}
