using WazzupAdmin.Domain.Channels;

namespace WazzupAdmin.Domain.Messages;

/// <summary>What a messenger allows an outgoing message, as the real product's sending page lists it.</summary>
public static class MessageRules
{
    /// <summary>The longest text a messenger takes, and the error code the real product gives past it.</summary>
    public static (int MaxLength, string ErrorCode) TextLimit(Transport transport) => transport switch
    {
        Transport.WhatsApp => (10_000, "MESSAGE_TEXT_TOO_LONG"),
        Transport.Instagram => (1_000, "MESSAGES_TOO_LONG_INSTAGRAM"),
        Transport.Waba => (4_096, "MESSAGES_TOO_LONG_WABA"),
        Transport.Telegram or Transport.TelegramBot => (4_096, "MESSAGES_TOO_LONG_TELEGRAM"),
        _ => (4_096, "MESSAGE_TEXT_TOO_LONG"),
    };

    /// <summary>How long after sending a message may still be edited; null where the messenger does not allow editing.</summary>
    public static TimeSpan? EditWindow(Transport transport) => transport switch
    {
        Transport.WhatsApp or Transport.Waba => TimeSpan.FromMinutes(15),
        Transport.Telegram or Transport.TelegramBot => TimeSpan.FromHours(48),
        _ => null,
    };

    /// <summary>How long after sending a message may still be deleted for everyone; null where the messenger does not allow it.</summary>
    public static TimeSpan? DeleteWindow(Transport transport) => transport switch
    {
        Transport.WhatsApp or Transport.Waba => TimeSpan.FromHours(48),
        Transport.Telegram or Transport.TelegramBot => TimeSpan.FromHours(48),
        _ => null,
    };
}
