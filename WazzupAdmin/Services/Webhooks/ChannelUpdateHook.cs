namespace WazzupAdmin.Services.Webhooks;

/// <param name="Timestamp">When the channel's state changed (ISO 8601, UTC).</param>
public sealed record ChannelUpdateHook(Guid ChannelId, string Transport, string PlainId, string Name, string State, DateTime Timestamp);
