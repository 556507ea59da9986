using System.Security.Claims;
using System.Text.Json;
using WazzupAdmin.Data;
using WazzupAdmin.Domain.Channels;

namespace WazzupAdmin.Services.Chat;

/// <summary>
/// One messenger chat of a contact, as the iframe names it: <c>{chatType, chatId}</c>, for Telegram also by
/// <c>username</c> or <c>phone</c>. A chat without <c>chatType</c> names that id in chats of every type; <c>channelId</c>
/// (active chat only) picks the channel to open it on.
/// </summary>
public sealed record ChatRef(string? ChatType, string? ChatId, string? Username = null, string? Phone = null, Guid? ChannelId = null)
{
    /// <summary>The stored chats this names, as lookups.</summary>
    public IEnumerable<ChatKey> Keys() => ChatType is { } type
        ? [new ChatKey(type, ChatId, Username, Phone)]
        : Enum.GetValues<Domain.Channels.ChatType>().Select(t => new ChatKey(t.ApiName(), ChatId, Username, Phone));
}

/// <summary>
/// What a session opened by a chat link may see. Scope <c>card</c> narrows the chat window to the conversations of the
/// contacts that have one of the filter's chats; scope <c>global</c> (and an ordinary sign-in) narrows nothing.
/// </summary>
public static class ChatScope
{
    public const string Global = "global";
    public const string Card = "card";

    /// <summary>Marks a session that a chat link signed in, with the link's scope.</summary>
    public const string ScopeClaim = "wazzup:chat-scope";

    /// <summary>For scope card: the filter as JSON <c>[{chatType, chatId}]</c>.</summary>
    public const string FilterClaim = "wazzup:chat-filter";

    public static string Serialize(IReadOnlyList<ChatRef> chats) => JsonSerializer.Serialize(chats, JsonSerializerOptions.Web);

    public static IReadOnlyList<ChatRef>? Deserialize(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<List<ChatRef>>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <returns>Null when the session is not narrowed; otherwise the chats it may see (empty when the claim is unreadable,
    /// so that a damaged filter shows nothing rather than everything).</returns>
    public static IReadOnlyList<ChatRef>? CardFilter(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.FindFirstValue(ScopeClaim) != Card)
        {
            return null;
        }

        return Deserialize(user.FindFirstValue(FilterClaim)) ?? [];
    }
}
