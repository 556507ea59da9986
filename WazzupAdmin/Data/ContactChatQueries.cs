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
    /// username. For each chat type the keys name, three lookups: by id through the unique (ChatType, ChatId) index, by
    /// username through (ChatType, Username), by phone through (ChatType, Phone). One condition with the three ORed
    /// together, as this was once written, SQLite (which keeps no statistics on the file) answered by reading every
    /// chat of the type: 60 ms at 200,000 chats, for every batch of clients' messages. The candidates that pair one
    /// key's value with another's column are dropped here.
    /// </summary>
    public static async Task<List<ContactChat>> MatchingAsync(
        this IQueryable<ContactChat> chats, IEnumerable<ChatKey> keys, CancellationToken cancellationToken)
    {
        var found = new List<ContactChat>();
        var wanted = keys.Distinct().ToList();
        foreach (var (type, names, phones) in ByType(wanted))
        {
            var held = chats.AsNoTracking();
            found.AddRange(await held.Where(c => c.ChatType == type && names.Contains(c.ChatId!))
                .Concat(held.Where(c => c.ChatType == type && names.Contains(c.Username!)))
                .Concat(held.Where(c => c.ChatType == type && phones.Contains(c.Phone!)))
                .ToListAsync(cancellationToken));
        }

        return Named(found, wanted);
    }

    /// <summary>
    /// The same as the <see cref="MatchingAsync(IQueryable{ContactChat}, IEnumerable{ChatKey}, CancellationToken)"/> of all
    /// the store's chats, through a query compiled once: the writer of clients' messages asks it for every batch.
    /// </summary>
    public static async Task<List<ContactChat>> MatchingAsync(this AppDbContext db, IEnumerable<ChatKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = new List<ContactChat>();
        var wanted = keys.Distinct().ToList();
        var candidates = Candidates.For(db);
        foreach (var (type, names, phones) in ByType(wanted))
        {
            await foreach (var chat in candidates(db, type, names, phones).WithCancellation(cancellationToken))
            {
                found.Add(chat);
            }
        }

        return Named(found, wanted);
    }

    private static readonly CompiledQuery<Func<AppDbContext, string, List<string>, List<string>, IAsyncEnumerable<ContactChat>>> Candidates = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, string type, List<string> names, List<string> phones) => db.ContactChats.AsNoTracking()
            .Where(c => c.ChatType == type && names.Contains(c.ChatId!))
            .Concat(db.ContactChats.AsNoTracking().Where(c => c.ChatType == type && names.Contains(c.Username!)))
            .Concat(db.ContactChats.AsNoTracking().Where(c => c.ChatType == type && phones.Contains(c.Phone!)))));

    /// <summary>The chat types the keys name, each with the names (ids and usernames) and phones its keys name.</summary>
    private static IEnumerable<(string Type, List<string> Names, List<string> Phones)> ByType(List<ChatKey> wanted) =>
        wanted.GroupBy(k => k.ChatType, StringComparer.Ordinal).Select(keys => (
            keys.Key,
            keys.SelectMany(k => new[] { k.ChatId, k.Username }).OfType<string>().Distinct().ToList(),
            keys.Select(k => k.Phone).OfType<string>().Distinct().ToList()));

    /// <summary>Each candidate once (a chat found by two of its columns comes twice), if one of the keys names it.</summary>
    private static List<ContactChat> Named(List<ContactChat> candidates, List<ChatKey> wanted) =>
        [.. candidates.DistinctBy(c => c.Id).Where(c => wanted.Any(k => k.Matches(c)))];
}
