namespace WazzupAdmin.Domain.Messages;

/// <summary>Where a message stands, as the real product reports it in <c>status</c>.</summary>
public enum MessageStatus
{
    /// <summary>A client's message.</summary>
    Inbound,
    Sent,
    Delivered,
    Read,

    /// <summary>The messenger refused the message; final.</summary>
    Error,
}

/// <summary>How an outgoing message moves through its statuses.</summary>
public static class MessageStatuses
{
    /// <summary>The status's name in the real product's API and webhooks.</summary>
    public static string ApiName(this MessageStatus status) => status switch
    {
        MessageStatus.Inbound => "inbound",
        MessageStatus.Sent => "sent",
        MessageStatus.Delivered => "delivered",
        MessageStatus.Read => "read",
        MessageStatus.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParseApiName(string? name, out MessageStatus status)
    {
        foreach (var candidate in Enum.GetValues<MessageStatus>())
        {
            if (string.Equals(candidate.ApiName(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>
    /// The statuses an outgoing message passes through to reach <paramref name="target"/> from <paramref name="current"/>,
    /// in order: a message marked read that was only sent was delivered first, as a phone shows it. Empty when the
    /// change would go backwards, the message is incoming, or its status is final (read or error).
    /// </summary>
    public static IReadOnlyList<MessageStatus> StepsTo(MessageStatus current, MessageStatus target)
    {
        if (current is MessageStatus.Inbound or MessageStatus.Read or MessageStatus.Error || target == MessageStatus.Inbound)
        {
            return [];
        }

        if (target == MessageStatus.Error)
        {
            return [MessageStatus.Error];
        }

        var steps = new List<MessageStatus>();
        for (var next = current + 1; next <= target; next++)
        {
            steps.Add(next);
        }

        return steps;
    }

    /// <summary>The status the simulated messenger reports next, with no one asking; null once nothing more comes.</summary>
    public static MessageStatus? NextSimulated(MessageStatus current) => current switch
    {
        MessageStatus.Sent => MessageStatus.Delivered,
        MessageStatus.Delivered => MessageStatus.Read,
        _ => null,
    };
}

/// <summary>The error codes a messenger gives for a message it did not deliver, as the real product's statuses webhook lists them.</summary>
public static class MessageStatusErrors
{
    public const string BadContact = "BAD_CONTACT";
    public const string Spam = "SPAM";
    public const string TooLongText = "TOO_LONG_TEXT";
    public const string TwentyFourHoursExceeded = "24_HOURS_EXCEEDED";

    public static IReadOnlyList<string> All { get; } = [BadContact, Spam, TooLongText, TwentyFourHoursExceeded];

    public static string Describe(string? code) => code switch
    {
        BadContact => "There is no account with this chatId in the messenger.",
        Spam => "The messenger suspected spam.",
        TooLongText => "The text is too long for the messenger.",
        TwentyFourHoursExceeded => "The 24-hour window of WABA is closed: only a template can be sent.",
        _ => "The messenger did not deliver the message.",
    };
}
