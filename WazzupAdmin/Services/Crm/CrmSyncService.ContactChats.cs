using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Channels;

namespace WazzupAdmin.Services.Crm;

/// <summary>
/// The chats of the contacts the CRM upserts: each checked and put in the form it is stored, the identifiers that may
/// belong to one contact only, and the provisional contacts of new clients that hold them until the CRM claims them.
/// </summary>
public sealed partial class CrmSyncService
{
    /// <summary>
    /// One chat of contact data, in the form it is stored; null (with the problems added) when it is not valid. As
    /// lenient as the documentation: chatType is a chat type, a Telegram chat needs one of chatId, username and phone,
    /// the others a chatId (see <see cref="ChannelIdentifier.CheckChat"/>).
    /// </summary>
    private static ContactChat? CheckChat(CrmChatDto? chat, string field, List<CrmFieldProblem> problems)
    {
        if (chat is null)
        {
            problems.Add(new CrmFieldProblem(field, CrmProblem.NotAnObject));
            return null;
        }

        if (!ChatTypes.TryParseApiName(chat.ChatType?.Trim(), out var chatType))
        {
            problems.Add(chat.ChatType is null
                ? new CrmFieldProblem(field + ".chatType", CrmProblem.Required)
                : ChatTypes.MeantBy(chat.ChatType.Trim()) is { } meant
                    ? new CrmFieldProblem(field + ".chatType", CrmProblem.TransportAsChatType, meant.ApiName())
                    : new CrmFieldProblem(field + ".chatType", CrmProblem.UnknownChatType));
            return null;
        }

        var stored = new ContactChat { ChatType = chatType.ApiName() };
        var before = problems.Count;
        if (!string.IsNullOrWhiteSpace(chat.ChatId))
        {
            var check = ChannelIdentifier.CheckChat(chatType, chat.ChatId);
            if (check.IsValid)
            {
                stored.ChatId = check.Normalized;
            }
            else
            {
                problems.Add(new CrmFieldProblem(field + ".chatId", CrmProblem.InvalidChatId, check.Error));
            }
        }

        if (chatType != ChatType.Telegram)
        {
            if (!string.IsNullOrWhiteSpace(chat.Username) || !string.IsNullOrWhiteSpace(chat.Phone))
            {
                problems.Add(new CrmFieldProblem(field + (string.IsNullOrWhiteSpace(chat.Username) ? ".phone" : ".username"), CrmProblem.TelegramOnly));
            }
            else if (string.IsNullOrWhiteSpace(chat.ChatId))
            {
                problems.Add(new CrmFieldProblem(field + ".chatId", CrmProblem.Required));
            }

            return problems.Count > before ? null : stored;
        }

        if (!string.IsNullOrWhiteSpace(chat.Username))
        {
            var check = ChannelIdentifier.CheckTelegramUsername(chat.Username);
            if (check.IsValid)
            {
                stored.Username = check.Normalized;
            }
            else
            {
                problems.Add(new CrmFieldProblem(field + ".username", CrmProblem.InvalidChatId, check.Error));
            }
        }

        if (!string.IsNullOrWhiteSpace(chat.Phone))
        {
            var check = ChannelIdentifier.CheckPhoneDigits(chat.Phone);
            if (check.IsValid)
            {
                stored.Phone = check.Normalized;
            }
            else
            {
                problems.Add(new CrmFieldProblem(field + ".phone", CrmProblem.InvalidChatId, check.Error));
            }
        }

        if (problems.Count == before && stored.ChatId is null && stored.Username is null && stored.Phone is null)
        {
            problems.Add(new CrmFieldProblem(field + ".chatId", CrmProblem.TelegramChatUnnamed));
        }

        return problems.Count > before ? null : stored;
    }

    private static ChatKey KeyOf(ContactChat chat) => new(chat.ChatType, chat.ChatId, chat.Username, chat.Phone);

    private static bool SameChat(ContactChat a, ContactChat b) =>
        a.ChatType == b.ChatType && a.ChatId == b.ChatId && a.Username == b.Username && a.Phone == b.Phone;

    /// <summary>The identifiers a chat claims, each of which may belong to one contact only: (type, field, value).</summary>
    private static IEnumerable<(string, string, string)> Identifiers(ContactChat chat)
    {
        if (chat.ChatId is { } id)
        {
            yield return (chat.ChatType, "chatId", id);
        }

        if (chat.Username is { } username)
        {
            yield return (chat.ChatType, "username", username);
        }

        if (chat.Phone is { } phone)
        {
            yield return (chat.ChatType, "phone", phone);
        }
    }

    /// <summary>
    /// A chat held by a new client's provisional contact (the console asked the CRM to create it, or will once a rep
    /// replies) is the CRM's to give: the CRM upserting its own contact with that chat adopts the client under its id,
    /// instead of a second contact or a refusal.
    /// </summary>
    /// <returns>Whether any contact was adopted.</returns>
    private async Task<bool> AdoptProvisionalHoldersAsync(
        AppDbContext db, IReadOnlyList<CrmContactDto?> contacts, List<List<(ContactChat Chat, int Position)>> chatsOf,
        IReadOnlyList<ContactChat> holders, CancellationToken cancellationToken)
    {
        var holderIds = holders.Select(h => h.ContactId).Distinct().ToList();
        var provisional = await db.Contacts.AsNoTracking().Where(c => holderIds.Contains(c.Id) && c.Provisional)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        var adopted = new HashSet<string>(StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < contacts.Count; i++)
        {
            foreach (var (chat, _) in chatsOf[i])
            {
                var holder = holders.FirstOrDefault(KeyOf(chat).Matches)?.ContactId;
                if (holder is not null && provisional.Contains(holder) && adopted.Add(holder))
                {
                    await CrmAdoption.AdoptUpsertedAsync(db, holder, contacts[i]!.Id!, now, cancellationToken);
                }
            }
        }

        return adopted.Count > 0;
    }
}
