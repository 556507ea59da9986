using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;

namespace WazzupAdmin.Services.Chat;

/// <summary>
/// Which stored chat an incoming client's message belongs to, by id, username or phone, and what such a chat learns
/// from the message.
/// </summary>
internal static class ClientChatMatch
{
    /// <summary>The stored chats that any of the batch's clients names, by id, username or phone.</summary>
    public static async Task<List<ContactChat>> KnownChatsAsync(AppDbContext db, List<AcceptedMessage> accepted, CancellationToken cancellationToken) =>
        await db.MatchingAsync(accepted.Select(m => m.Key), cancellationToken);

    /// <summary>The stored chat of this client: the one with its id first, then the one with its username, then its phone.</summary>
    public static ContactChat? HolderOf(AcceptedMessage message, List<ContactChat> known)
    {
        var key = message.Key;
        return known.FirstOrDefault(c => c.ChatType == message.ChatType && c.ChatId == message.ChatId)
            ?? known.FirstOrDefault(c => message.Username is not null && c.ChatType == message.ChatType && c.Username == message.Username)
            ?? known.FirstOrDefault(key.Matches);
    }

    /// <summary>
    /// A chat the CRM gave by username or phone learns the id, username and phone its client writes with, each only
    /// where no other stored chat has that value already (so one identifier still names one contact).
    /// </summary>
    public static void Complete(IncomingRows rows, ContactChat chat, AcceptedMessage message, List<ContactChat> known)
    {
        var others = known.Where(c => c.ChatType == chat.ChatType && c.Id != chat.Id).ToList();
        bool FreeName(string value) => !others.Any(c => c.ChatId == value || c.Username == value);
        bool FreePhone(string value) => !others.Any(c => c.Phone == value);

        var changed = false;
        if (chat.ChatId is null && FreeName(message.ChatId))
        {
            chat.ChatId = message.ChatId;
            changed = true;
        }

        if (chat.Username is null && message.Username is { } username && FreeName(username))
        {
            chat.Username = username;
            changed = true;
        }

        if (chat.Phone is null && message.Phone is { } phone && FreePhone(phone))
        {
            chat.Phone = phone;
            changed = true;
        }

        if (changed)
        {
            rows.CompleteChat(chat);
        }
    }
}
