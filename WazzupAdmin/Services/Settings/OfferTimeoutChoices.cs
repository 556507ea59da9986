using WazzupAdmin.Domain.Distribution.Routing;

namespace WazzupAdmin.Services.Settings;

/// <summary>A channel's offer timeout on the new-clients page.</summary>
/// <param name="Minutes">Minutes an offer waits for a reply (in turn) or a claim (first responder); null for off.</param>
/// <param name="MaxMoves">In turn: how often the client moves to the next rep before going to the managers.</param>
/// <param name="WidenTo">First responder: who the offer widens to.</param>
public sealed record OfferTimeoutChoices(int? Minutes, int MaxMoves = OfferTimeoutSettings.DefaultMaxMoves, WidenOfferTo WidenTo = WidenOfferTo.AllReps)
{
    public const string MinutesField = "OfferTimeoutMinutes";
    public const string MinutesRange = "Enter a whole number of minutes from 1 to 1440, or leave it empty for no timeout.";
    public const string MovesField = "OfferMaxMoves";
    public const string MovesRange = "Enter a whole number from 0 to 20.";
}
