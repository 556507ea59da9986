namespace WazzupAdmin.Domain.Channels;

/// <summary>
/// The kind of a client's chat, as the real product's API v3 names it in contact data, iframe filters, webhooks and
/// messages. It is not a channel's transport: a WhatsApp and a WABA channel both write to <c>whatsapp</c> chats, a
/// Telegram account and a Telegram bot both to <c>telegram</c> chats. The documentation lists these values (contacts:
/// whatsapp, whatsgroup, viber, instagram, telegram; iframe: also vk; channels' transports also avito); telegroup is the
/// Telegram group chat the webhooks carry. The console stores every one of them, even where it has no such channel.
/// </summary>
public enum ChatType
{
    WhatsApp,
    WhatsGroup,
    Viber,
    Instagram,
    Telegram,
    TeleGroup,
    Vk,
    Avito,
}

public static class ChatTypes
{
    /// <summary>The chat type's name in the API.</summary>
    public static string ApiName(this ChatType chatType) => chatType switch
    {
        ChatType.WhatsApp => "whatsapp",
        ChatType.WhatsGroup => "whatsgroup",
        ChatType.Viber => "viber",
        ChatType.Instagram => "instagram",
        ChatType.Telegram => "telegram",
        ChatType.TeleGroup => "telegroup",
        ChatType.Vk => "vk",
        ChatType.Avito => "avito",
        _ => throw new ArgumentOutOfRangeException(nameof(chatType), chatType, null),
    };

    /// <summary>Every chat type's API name, for messages that list them.</summary>
    public static string Names => string.Join(", ", Enum.GetValues<ChatType>().Select(t => t.ApiName()));

    public static bool TryParseApiName(string? name, out ChatType chatType)
    {
        foreach (var candidate in Enum.GetValues<ChatType>())
        {
            if (string.Equals(candidate.ApiName(), name, StringComparison.Ordinal))
            {
                chatType = candidate;
                return true;
            }
        }

        chatType = default;
        return false;
    }

    /// <summary>The chat type of the clients a channel of this transport writes with.</summary>
    public static ChatType ClientChatType(this Transport transport) => transport switch
    {
        Transport.WhatsApp or Transport.Waba => Domain.Channels.ChatType.WhatsApp,
        Transport.Telegram or Transport.TelegramBot => Domain.Channels.ChatType.Telegram,
        Transport.Instagram => Domain.Channels.ChatType.Instagram,
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, null),
    };

    /// <summary>The transports whose channels write to chats of this type; none for the types the console has no channel for.</summary>
    public static IReadOnlyList<Transport> Transports(this ChatType chatType) =>
        [.. Enum.GetValues<Transport>().Where(t => t.ClientChatType() == chatType)];

    /// <summary>A transport's API name that a client mistook for a chat type, with the chat type it meant.</summary>
    public static ChatType? MeantBy(string? transportName) =>
        TransportNames.TryParseApiName(transportName, out var transport) ? transport.ClientChatType() : null;

    /// <summary>The name people know the messenger by, in every language.</summary>
    public static string DisplayName(this ChatType chatType) => chatType switch
    {
        ChatType.WhatsApp => "WhatsApp",
        ChatType.WhatsGroup => "WhatsApp group",
        ChatType.Viber => "Viber",
        ChatType.Instagram => "Instagram",
        ChatType.Telegram => "Telegram",
        ChatType.TeleGroup => "Telegram group",
        ChatType.Vk => "VK",
        ChatType.Avito => "Avito",
        _ => throw new ArgumentOutOfRangeException(nameof(chatType), chatType, null),
    };
}
