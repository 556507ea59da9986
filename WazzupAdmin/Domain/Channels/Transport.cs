namespace WazzupAdmin.Domain.Channels;

/// <summary>The kind of messenger account a channel is.</summary>
public enum Transport
{
    WhatsApp,
    Waba,
    Instagram,
    Telegram,
    TelegramBot,
}

public static class TransportNames
{
    /// <summary>The transport's name in the real product's public API (v3).</summary>
    public static string ApiName(this Transport transport) => transport switch
    {
        Transport.WhatsApp => "whatsapp",
        Transport.Waba => "wapi",
        Transport.Instagram => "instagram",
        Transport.Telegram => "tgapi",
        Transport.TelegramBot => "telegram",
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, null),
    };

    public static bool TryParseApiName(string? name, out Transport transport)
    {
        foreach (var candidate in Enum.GetValues<Transport>())
        {
            if (string.Equals(candidate.ApiName(), name, StringComparison.Ordinal))
            {
                transport = candidate;
                return true;
            }
        }

        transport = default;
        return false;
    }

    /// <summary>The name people know the messenger by, in every language.</summary>
    public static string DisplayName(this Transport transport) => transport switch
    {
        Transport.WhatsApp => "WhatsApp",
        Transport.Waba => "WABA",
        Transport.Instagram => "Instagram",
        Transport.Telegram => "Telegram",
        Transport.TelegramBot => "Telegram Bot",
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, null),
    };
}
