namespace WazzupAdmin.Services.Webhooks;

/// <summary>A message as the real product posts it in <c>{messages: [...]}</c>.</summary>
public sealed record MessageHook(
    string MessageId, Guid ChannelId, string ChatType, string ChatId, DateTime DateTime, string Type, string Status, string? Text,
    bool IsEcho, string? AuthorId, string? AuthorName, MessageHookContact Contact)
{
    public string? ContentUri { get; init; }

    /// <summary>The message this one quotes.</summary>
    public QuotedMessageHook? QuotedMessage { get; init; }

    public bool? IsEdited { get; init; }
    public bool? IsDeleted { get; init; }

    /// <summary>What an edited or deleted message said before.</summary>
    public OldInfoHook? OldInfo { get; init; }
}

public sealed record QuotedMessageHook(string MessageId, string? Text, string? ContentUri);

public sealed record OldInfoHook(string? Text, string? ContentUri);

public sealed record MessageHookContact(string Id, string Name);
