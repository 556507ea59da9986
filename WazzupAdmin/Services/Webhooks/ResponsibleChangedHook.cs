namespace WazzupAdmin.Services.Webhooks;

/// <param name="Reason"><c>turn</c> (in-turn distribution), <c>claim</c> (a first responder replied) or <c>assignment</c> (an administrator or manager).</param>
public sealed record ResponsibleChangedHook(
    string ContactId, string? DealId, string ResponsibleUserId, string? PreviousResponsibleUserId, Guid ChannelId, string Reason, DateTime DateTime);
