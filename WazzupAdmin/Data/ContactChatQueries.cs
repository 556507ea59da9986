using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data.Entities;

namespace WazzupAdmin.Data;

public static class ContactChatQueries
{
    /// <summary>
    /// The stored chats among these (chat type, chat id) pairs, with the contacts that hold them. The query names both
    /// columns, so SQLite searches the unique (ChatType, ChatId) index instead of reading every chat; the few candidates
    /// that pair one pair's type with another's id are dropped here.
    /// </summary>
    public static async Task<List<ContactChat>> HoldingAsync(
        this IQueryable<ContactChat> chats, IEnumerable<(string ChatType, string ChatId)> pairs, CancellationToken cancellationToken)
    {
        var wanted = pairs.ToHashSet();
        var types = wanted.Select(p => p.ChatType).Distinct().ToList();
        var ids = wanted.Select(p => p.ChatId).Distinct().ToList();
        var candidates = await chats.AsNoTracking()
            .Where(c => types.Contains(c.ChatType) && ids.Contains(c.ChatId))
            .ToListAsync(cancellationToken);
        return [.. candidates.Where(c => wanted.Contains((c.ChatType, c.ChatId)))];
    }
}
