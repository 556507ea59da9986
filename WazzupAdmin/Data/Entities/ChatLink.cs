namespace WazzupAdmin.Data.Entities;

/// <summary>
/// A signed, single-use link that opens the chat window as one CRM user without a password, as the CRM embeds it.
/// Only the hash of the link's token is kept.
/// </summary>
public sealed class ChatLink
{
    public string TokenHash { get; set; } = "";
    public string UserId { get; set; } = "";

    /// <summary><c>global</c> or <c>card</c>.</summary>
    public string Scope { get; set; } = "";

    /// <summary>For scope card: the contact's chats as JSON <c>[{chatType, chatId}]</c>.</summary>
    public string? FilterJson { get; set; }

    /// <summary>The chat to open first, as JSON <c>{chatType, chatId}</c>.</summary>
    public string? ActiveChatJson { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? UsedAtUtc { get; set; }
}
