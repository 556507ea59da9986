namespace WazzupAdmin.Services.Webhooks;

/// <summary>Wakes the delivery worker as soon as events are committed, rather than at its next poll.</summary>
public sealed class WebhookSignal : WakeSignal;
