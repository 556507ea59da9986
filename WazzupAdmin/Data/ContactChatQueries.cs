using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data.Entities;

namespace WazzupAdmin.Data;

/// <summary>
/// A client's chat as a request names it: by chat id, or for Telegram also by username or phone. Any one of the three
/// that a stored chat of the same type has finds it.
/// </summary>
public sealed record ChatKey(string ChatType, string? ChatId, string? Username = null, string? Phone = null)
{
    /// <summary>Whether this stored chat is the one this key names.</summary>
    public bool Matches(ContactChat chat) =>
        chat.ChatType == ChatType
        && ((ChatId is not null && (chat.ChatId == ChatId || chat.Username == ChatId))
            || (Username is not null && (chat.Username == Username || chat.ChatId == Username))
            || (Phone is not null && chat.Phone == Phone));
}

public static class ContactChatQueries
{
    /// <summary>
    /// The stored chats among these (chat type, chat id) pairs, with the contacts that hold them. The query names both
    /// columns, so SQLite searches the unique (ChatType, ChatId) index instead of reading every chat; the few candidates
    /// that pair one pair's type with another's id are dropped here.
    /// </summary>
    public static async Task<List<ContactChat>> HoldingAsync(
        this IQueryable<ContactChat> chats, IEnumerable<(string ChatType, string ChatId)> pairs, CancellationToken cancellationToken) =>
        await chats.MatchingAsync(pairs.Select(p => new ChatKey(p.ChatType, p.ChatId)), cancellationToken);

    /// <summary>
    /// The stored chats that any of these keys names. A Telegram key's username also finds a chat whose id is that
    /// username (the console's own Telegram clients are known by username), and its id finds a chat known only by that
    /// username. Each lookup goes through one of the unique indexes of (ChatType, ChatId), (ChatType, Username) and
    /// (ChatType, Phone); the candidates that pair one key's type with another's value are dropped here.
    /// </summary>
    public static async Task<List<ContactChat>> MatchingAsync(
        this IQueryable<ContactChat> chats, IEnumerable<ChatKey> keys, CancellationToken cancellationToken)
    {
        var (wanted, types, names, phones) = Values(keys);
        if (wanted.Count == 0)
        {
            return [];
        }

        var candidates = await chats.AsNoTracking()
            .Where(c => types.Contains(c.ChatType)
                && ((c.ChatId != null && names.Contains(c.ChatId))
                    || (c.Username != null && names.Contains(c.Username))
                    || (c.Phone != null && phones.Contains(c.Phone))))
            .ToListAsync(cancellationToken);
        return [.. candidates.Where(c => wanted.Any(k => k.Matches(c)))];
    }

    /// <summary>
    /// The same as the <see cref="MatchingAsync(IQueryable{ContactChat}, IEnumerable{ChatKey}, CancellationToken)"/> of all
    /// the store's chats, through a query compiled once: the writer of clients' messages asks it for every batch.
    /// </summary>
    public static async Task<List<ContactChat>> MatchingAsync(this AppDbContext db, IEnumerable<ChatKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (wanted, types, names, phones) = Values(keys);
        if (wanted.Count == 0)
        {
            return [];
        }

        var candidates = await Candidates.For(db)(db, types, names, phones).ToListAsync(cancellationToken);
        return [.. candidates.Where(c => wanted.Any(k => k.Matches(c)))];
    }

    private static readonly CompiledQuery<Func<AppDbContext, List<string>, List<string>, List<string>, IAsyncEnumerable<ContactChat>>> Candidates = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, List<string> types, List<string> names, List<string> phones) => db.ContactChats.AsNoTracking()
            .Where(c => types.Contains(c.ChatType)
                && ((c.ChatId != null && names.Contains(c.ChatId))
                    || (c.Username != null && names.Contains(c.Username))
                    || (c.Phone != null && phones.Contains(c.Phone))))));

    /// <summary>The distinct keys, and the chat types, names (ids and usernames) and phones they name.</summary>
    private static (List<ChatKey> Wanted, List<string> Types, List<string> Names, List<string> Phones) Values(IEnumerable<ChatKey> keys)
    {
        var wanted = keys.Distinct().ToList();
        return (
            wanted,
            wanted.Select(k => k.ChatType).Distinct().ToList(),
            wanted.SelectMany(k => new[] { k.ChatId, k.Username }).OfType<string>().Distinct().ToList(),
            wanted.Select(k => k.Phone).OfType<string>().Distinct().ToList());
    }
}
