namespace WazzupAdmin.Services.Crm;

/// <summary>How the console's pages show a contact's chat.</summary>
public static class ContactChatText
{
    /// <summary>The chat id; for a Telegram chat the CRM gave only by username or phone, <c>@username</c> or the phone.</summary>
    public static string Identifier(string? chatId, string? username, string? phone) =>
        chatId ?? (username is not null ? "@" + username : phone ?? "");
}
