namespace WazzupAdmin.Services.Webhooks;

/// <summary>One status of an outgoing message, as the real product posts it in <c>{statuses: [...]}</c>.</summary>
public sealed record StatusHook(string MessageId, DateTime Timestamp, string Status)
{
    /// <summary>Why the message was not delivered, when <see cref="Status"/> is <c>error</c>.</summary>
    public StatusErrorHook? Error { get; init; }
}

public sealed record StatusErrorHook(string Error, string Description);
