using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Services.Crm;

/// <summary>
/// What the CRM pushes through the API: users, contacts and deals, upserted by id. A write is checked whole first and
/// stored in one transaction, so a request with any invalid entity stores none of it. What changes who is responsible
/// for a client reaches open chat windows after the commit.
/// </summary>
public sealed class CrmSyncService(IDbContextFactory<AppDbContext> dbFactory, ChatNotifier notifier, TimeProvider clock)
{
    // ---------------------------------------------------------------- users

    public async Task<CrmPushOutcome> UpsertUsersAsync(IReadOnlyList<CrmUserDto?> users, string source, CancellationToken cancellationToken = default)
    {
        if (users.Count > CrmSync.MaxEntities)
        {
            return CrmPushOutcome.TooMany(users.Count);
        }

        var errors = new List<CrmEntityError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < users.Count; i++)
        {
            var problems = new List<CrmFieldProblem>();
            if (users[i] is not { } u)
            {
                errors.Add(new CrmEntityError(i, null, [new CrmFieldProblem("", CrmProblem.NotAnObject)]));
                continue;
            }

            CrmSync.Required(problems, "id", u.Id, FieldLimits.UserId);
            CrmSync.Duplicate(problems, seen, u.Id);
            CrmSync.Required(problems, "name", u.Name, FieldLimits.UserName);
            CrmSync.Optional(problems, "phone", u.Phone, FieldLimits.UserPhone);
            AddIfAny(errors, i, u.Id, problems);
        }

        if (errors.Count > 0)
        {
            return CrmPushOutcome.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = users.Select(u => u!.Id!).ToList();
        var existing = await db.CrmUsers.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, StringComparer.Ordinal, cancellationToken);
        foreach (var u in users)
        {
            if (!existing.TryGetValue(u!.Id!, out var user))
            {
                user = new CrmUser { Id = u.Id! };
                db.CrmUsers.Add(user);
            }

            user.Name = u.Name!.Trim();
            user.Phone = CrmSync.Clean(u.Phone);
        }

        await CrmSync.RecordPushAsync(db, CrmPushKinds.Users, users.Count, source, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CrmPushOutcome.Stored(users.Count);
    }

    public async Task<IReadOnlyList<CrmUserDto>> ListUsersAsync(int offset, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CrmUsers.AsNoTracking()
            .OrderBy(u => u.Name).ThenBy(u => u.Id)
            .Skip(Math.Max(0, offset)).Take(CrmSync.PageSize)
            .Select(u => new CrmUserDto(u.Id, u.Name, u.Phone))
            .ToListAsync(cancellationToken);
    }

    public async Task<CrmUserDto?> GetUserAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CrmUsers.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new CrmUserDto(u.Id, u.Name, u.Phone))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes CRM users. Their clients and deals lose their responsible user (and so are listed as unassigned),
    /// their offers and channel access end, and a console account linked to one stays but is unlinked.
    /// </summary>
    public async Task<CrmDeletion> DeleteUsersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var found = await db.CrmUsers.Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        if (found.Count == 0)
        {
            return new CrmDeletion([], [.. ids.Distinct()]);
        }

        var touched = await db.Conversations.AsNoTracking()
            .Where(c => found.Contains(c.Contact!.ResponsibleUserId!) || c.Offers.Any(o => found.Contains(o.UserId)))
            .Select(c => new { c.Id, c.ChannelId })
            .ToListAsync(cancellationToken);
        await db.Contacts.Where(c => found.Contains(c.ResponsibleUserId!))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ResponsibleUserId, (string?)null), cancellationToken);
        await db.Deals.Where(d => found.Contains(d.ResponsibleUserId!))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ResponsibleUserId, (string?)null), cancellationToken);
        await db.ConversationOffers.Where(o => found.Contains(o.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.ChannelAccess.Where(a => found.Contains(a.CrmUserId)).ExecuteDeleteAsync(cancellationToken);
        await db.Users.Where(u => found.Contains(u.CrmUserId!))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.CrmUserId, (string?)null), cancellationToken);
        await db.CrmUsers.Where(u => found.Contains(u.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        foreach (var c in touched)
        {
            notifier.Publish(new ChatEvent(ChatEventKind.Reassigned, c.ChannelId, c.Id));
        }

        return new CrmDeletion(found, [.. ids.Distinct().Except(found, StringComparer.Ordinal)]);
    }

    // ---------------------------------------------------------------- contacts

    /// <summary>
    /// Upserts contacts. A contact whose responsible user changes moves in open chat windows, and any first-responder
    /// offer of its conversations ends: the CRM decided. A deleted contact sent again is restored.
    /// </summary>
    public async Task<CrmPushOutcome> UpsertContactsAsync(IReadOnlyList<CrmContactDto?> contacts, string source, CancellationToken cancellationToken = default)
    {
        if (contacts.Count > CrmSync.MaxEntities)
        {
            return CrmPushOutcome.TooMany(contacts.Count);
        }

        var errors = new List<CrmEntityError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Each contact's chats in the form they are stored, and who in this request claims each chat first.
        var chatsOf = new List<List<(string Type, string Id, int Position)>>();
        var claimedBy = new Dictionary<(string, string), string>();
        for (var i = 0; i < contacts.Count; i++)
        {
            var chats = new List<(string Type, string Id, int Position)>();
            chatsOf.Add(chats);
            var problems = new List<CrmFieldProblem>();
            if (contacts[i] is not { } c)
            {
                errors.Add(new CrmEntityError(i, null, [new CrmFieldProblem("", CrmProblem.NotAnObject)]));
                continue;
            }

            CrmSync.Required(problems, "id", c.Id, FieldLimits.ContactId);
            CrmSync.Duplicate(problems, seen, c.Id);
            CrmSync.Required(problems, "responsibleUserId", c.ResponsibleUserId, FieldLimits.ResponsibleUserId);
            CrmSync.Required(problems, "name", c.Name, FieldLimits.ContactName);
            CrmSync.Optional(problems, "uri", c.Uri, FieldLimits.Uri);
            if (c.ContactData is null)
            {
                problems.Add(new CrmFieldProblem("contactData", CrmProblem.Required));
            }
            else
            {
                for (var j = 0; j < c.ContactData.Count; j++)
                {
                    var field = $"contactData[{j}]";
                    if (c.ContactData[j] is not { } chat)
                    {
                        problems.Add(new CrmFieldProblem(field, CrmProblem.NotAnObject));
                        continue;
                    }

                    if (!TransportNames.TryParseApiName(chat.ChatType, out var transport))
                    {
                        problems.Add(new CrmFieldProblem(field + ".chatType", chat.ChatType is null ? CrmProblem.Required : CrmProblem.UnknownChatType));
                        continue;
                    }

                    var check = ChannelIdentifier.CheckClient(transport, chat.ChatId);
                    if (!check.IsValid)
                    {
                        problems.Add(new CrmFieldProblem(field + ".chatId", CrmProblem.InvalidChatId, check.Error));
                        continue;
                    }

                    var key = (transport.ApiName(), check.Normalized);
                    if (chats.Any(x => (x.Type, x.Id) == key))
                    {
                        continue;
                    }

                    if (c.Id is not null && !claimedBy.TryAdd(key, c.Id) && claimedBy[key] != c.Id)
                    {
                        problems.Add(new CrmFieldProblem(field + ".chatId", CrmProblem.ChatIdTaken, claimedBy[key]));
                        continue;
                    }

                    chats.Add((key.Item1, key.Item2, j));
                }
            }

            AddIfAny(errors, i, c.Id, problems);
        }

        if (errors.Count > 0)
        {
            return CrmPushOutcome.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = contacts.Select(c => c!.Id!).ToList();

        var missing = await MissingUsersAsync(db, [.. contacts.Select((c, i) => (i, c!.Id, c.ResponsibleUserId!))], cancellationToken);
        if (missing.Count > 0)
        {
            return CrmPushOutcome.NotFound(CrmPushStatus.ResponsibleUserNotFound, missing);
        }

        // A chat is taken when a contact this request does not rewrite has it.
        var chatIds = chatsOf.SelectMany(x => x.Select(c => c.Id)).Distinct().ToList();
        var holders = await db.ContactChats.AsNoTracking()
            .Where(x => chatIds.Contains(x.ChatId) && !ids.Contains(x.ContactId))
            .Select(x => new { x.ChatType, x.ChatId, x.ContactId })
            .ToListAsync(cancellationToken);
        for (var i = 0; i < contacts.Count; i++)
        {
            var problems = new List<CrmFieldProblem>();
            foreach (var chat in chatsOf[i])
            {
                var holder = holders.FirstOrDefault(h => h.ChatType == chat.Type && h.ChatId == chat.Id);
                if (holder is not null)
                {
                    problems.Add(new CrmFieldProblem($"contactData[{chat.Position}].chatId", CrmProblem.ChatIdTaken, holder.ContactId));
                }
            }

            AddIfAny(errors, i, contacts[i]!.Id, problems);
        }

        if (errors.Count > 0)
        {
            return CrmPushOutcome.Invalid(errors);
        }

        var existing = await db.Contacts.Include(c => c.Chats).Where(c => ids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, StringComparer.Ordinal, cancellationToken);
        var reassigned = new List<string>();
        var toAdd = new List<(Contact Contact, string Type, string Id)>();
        for (var i = 0; i < contacts.Count; i++)
        {
            var c = contacts[i]!;
            if (!existing.TryGetValue(c.Id!, out var contact))
            {
                contact = new Contact { Id = c.Id! };
                db.Contacts.Add(contact);
            }
            else if (!string.Equals(contact.ResponsibleUserId, c.ResponsibleUserId, StringComparison.Ordinal))
            {
                reassigned.Add(contact.Id);
            }

            contact.DeletedAtUtc = null;
            contact.Name = c.Name!.Trim();
            contact.ResponsibleUserId = c.ResponsibleUserId;
            contact.Uri = CrmSync.Clean(c.Uri);
            var wanted = chatsOf[i];
            foreach (var old in contact.Chats.Where(x => !wanted.Any(w => w.Type == x.ChatType && w.Id == x.ChatId)).ToList())
            {
                contact.Chats.Remove(old);
                db.ContactChats.Remove(old);
            }

            toAdd.AddRange(wanted.Where(w => !contact.Chats.Any(x => x.ChatType == w.Type && x.ChatId == w.Id)).Select(w => (contact, w.Type, w.Id)));
        }

        // Chats released first, so that one moving between two contacts of this request never exists twice.
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (contact, type, chatId) in toAdd)
        {
            contact.Chats.Add(new ContactChat { ChatType = type, ChatId = chatId });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var moved = await db.Conversations.AsNoTracking()
            .Where(c => reassigned.Contains(c.ContactId))
            .Select(c => new { c.Id, c.ChannelId, c.ContactId })
            .ToListAsync(cancellationToken);
        if (moved.Count > 0)
        {
            var movedIds = moved.Select(m => m.Id).ToList();
            await db.ConversationOffers.Where(o => movedIds.Contains(o.ConversationId)).ExecuteDeleteAsync(cancellationToken);
            var responsible = contacts.ToDictionary(c => c!.Id!, c => c!.ResponsibleUserId!, StringComparer.Ordinal);
            foreach (var m in moved)
            {
                db.Assignments.Add(new Assignment
                {
                    ConversationId = m.Id,
                    ChannelId = m.ChannelId,
                    UserId = responsible[m.ContactId],
                    AtUtc = now,
                    Reason = $"Responsible set by the {CrmSync.ActorName(source)}.",
                });
            }
        }

        await CrmSync.RecordPushAsync(db, CrmPushKinds.Contacts, contacts.Count, source, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        foreach (var m in moved)
        {
            notifier.Publish(new ChatEvent(ChatEventKind.Reassigned, m.ChannelId, m.Id));
        }

        return CrmPushOutcome.Stored(contacts.Count);
    }

    public async Task<IReadOnlyList<CrmContactDto>> ListContactsAsync(int offset, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ContactDtos(db.Contacts.AsNoTracking().Where(c => c.DeletedAtUtc == null)
                .OrderBy(c => c.Name).ThenBy(c => c.Id)
                .Skip(Math.Max(0, offset)).Take(CrmSync.PageSize))
            .ToListAsync(cancellationToken);
    }

    public async Task<CrmContactDto?> GetContactAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ContactDtos(db.Contacts.AsNoTracking().Where(c => c.Id == id && c.DeletedAtUtc == null)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes contacts softly: the card leaves the API, releases its messenger identifiers and its deals, but its
    /// conversations and messages stay. Sending the contact again restores it.
    /// </summary>
    public async Task<CrmDeletion> DeleteContactsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var contacts = await db.Contacts.Include(c => c.Chats).Include(c => c.Deals)
            .Where(c => ids.Contains(c.Id) && c.DeletedAtUtc == null)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var contact in contacts)
        {
            contact.DeletedAtUtc = now;
            db.ContactChats.RemoveRange(contact.Chats);
            contact.Deals.Clear();
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var deleted = contacts.Select(c => c.Id).ToList();
        return new CrmDeletion(deleted, [.. ids.Distinct().Except(deleted, StringComparer.Ordinal)]);
    }

    // ---------------------------------------------------------------- deals

    public async Task<CrmPushOutcome> UpsertDealsAsync(IReadOnlyList<CrmDealDto?> deals, string source, CancellationToken cancellationToken = default)
    {
        if (deals.Count > CrmSync.MaxEntities)
        {
            return CrmPushOutcome.TooMany(deals.Count);
        }

        var errors = new List<CrmEntityError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < deals.Count; i++)
        {
            var problems = new List<CrmFieldProblem>();
            if (deals[i] is not { } d)
            {
                errors.Add(new CrmEntityError(i, null, [new CrmFieldProblem("", CrmProblem.NotAnObject)]));
                continue;
            }

            CrmSync.Required(problems, "id", d.Id, FieldLimits.DealId);
            CrmSync.Duplicate(problems, seen, d.Id);
            CrmSync.Required(problems, "responsibleUserId", d.ResponsibleUserId, FieldLimits.ResponsibleUserId);
            CrmSync.Required(problems, "name", d.Name, FieldLimits.DealName);
            CrmSync.Required(problems, "uri", d.Uri, FieldLimits.Uri);
            for (var j = 0; j < (d.Contacts?.Count ?? 0); j++)
            {
                CrmSync.Required(problems, $"contacts[{j}]", d.Contacts![j], FieldLimits.ContactId);
            }

            AddIfAny(errors, i, d.Id, problems);
        }

        if (errors.Count > 0)
        {
            return CrmPushOutcome.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var missingUsers = await MissingUsersAsync(db, [.. deals.Select((d, i) => (i, d!.Id, d.ResponsibleUserId!))], cancellationToken);
        if (missingUsers.Count > 0)
        {
            return CrmPushOutcome.NotFound(CrmPushStatus.ResponsibleUserNotFound, missingUsers);
        }

        var contactIds = deals.SelectMany(d => d!.Contacts ?? []).Select(id => id!).Distinct().ToList();
        var contacts = await db.Contacts.Where(c => contactIds.Contains(c.Id) && c.DeletedAtUtc == null)
            .ToDictionaryAsync(c => c.Id, StringComparer.Ordinal, cancellationToken);
        var missingContacts = deals
            .SelectMany((d, i) => (d!.Contacts ?? []).Where(id => !contacts.ContainsKey(id!)).Distinct().Select(id => new CrmMissingReference(i, d.Id, "contacts", id!)))
            .ToList();
        if (missingContacts.Count > 0)
        {
            return CrmPushOutcome.NotFound(CrmPushStatus.ContactNotFound, missingContacts);
        }

        var ids = deals.Select(d => d!.Id!).ToList();
        var existing = await db.Deals.Include(d => d.Contacts).Where(d => ids.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, StringComparer.Ordinal, cancellationToken);
        foreach (var d in deals)
        {
            if (!existing.TryGetValue(d!.Id!, out var deal))
            {
                deal = new Deal { Id = d.Id! };
                db.Deals.Add(deal);
            }

            deal.Name = d.Name!.Trim();
            deal.ResponsibleUserId = d.ResponsibleUserId;
            deal.Uri = CrmSync.Clean(d.Uri);
            deal.Closed = d.Closed;
            var wanted = (d.Contacts ?? []).Select(id => id!).ToHashSet(StringComparer.Ordinal);
            deal.Contacts.RemoveAll(c => !wanted.Contains(c.Id));
            foreach (var id in wanted.Where(id => deal.Contacts.All(c => c.Id != id)))
            {
                deal.Contacts.Add(contacts[id]);
            }
        }

        await CrmSync.RecordPushAsync(db, CrmPushKinds.Deals, deals.Count, source, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CrmPushOutcome.Stored(deals.Count);
    }

    public async Task<IReadOnlyList<CrmDealDto>> ListDealsAsync(int offset, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await DealDtos(db.Deals.AsNoTracking().OrderBy(d => d.Name).ThenBy(d => d.Id).Skip(Math.Max(0, offset)).Take(CrmSync.PageSize))
            .ToListAsync(cancellationToken);
    }

    public async Task<CrmDealDto?> GetDealAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await DealDtos(db.Deals.AsNoTracking().Where(d => d.Id == id)).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<CrmDeletion> DeleteDealsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var found = await db.Deals.Where(d => ids.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken);
        await db.Deals.Where(d => found.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CrmDeletion(found, [.. ids.Distinct().Except(found, StringComparer.Ordinal)]);
    }

    // ---------------------------------------------------------------- counters

    /// <summary>
    /// The user's unanswered counter: the unanswered conversations they see (a sales rep their own clients and the new
    /// clients offered to them, a manager or quality control every client of their channels). Null for an unknown user.
    /// </summary>
    public async Task<(int Count, bool Informational)?> UnansweredAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.CrmUsers.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return null;
        }

        var count = await (await ConversationVisibility.VisibleToAsync(db, userId, cancellationToken)).CountAsync(c => c.Unanswered, cancellationToken);
        return (count, await ConversationVisibility.CounterIsInformationalAsync(db, userId, cancellationToken));
    }

    private static async Task<List<CrmMissingReference>> MissingUsersAsync(
        AppDbContext db, IReadOnlyList<(int Index, string? Id, string UserId)> references, CancellationToken cancellationToken)
    {
        var userIds = references.Select(r => r.UserId).Distinct().ToList();
        var known = (await db.CrmUsers.Where(u => userIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        return [.. references.Where(r => !known.Contains(r.UserId)).Select(r => new CrmMissingReference(r.Index, r.Id, "responsibleUserId", r.UserId))];
    }

    private static void AddIfAny(List<CrmEntityError> errors, int index, string? id, List<CrmFieldProblem> problems)
    {
        if (problems.Count > 0)
        {
            errors.Add(new CrmEntityError(index, id, problems));
        }
    }

    private static IQueryable<CrmContactDto> ContactDtos(IQueryable<Contact> contacts) =>
        contacts.Select(c => new CrmContactDto(
            c.Id, c.ResponsibleUserId, c.Name,
            c.Chats.OrderBy(x => x.Id).Select(x => new CrmChatDto(x.ChatType, x.ChatId)).ToList(),
            c.Uri));

    private static IQueryable<CrmDealDto> DealDtos(IQueryable<Deal> deals) =>
        deals.Select(d => new CrmDealDto(d.Id, d.ResponsibleUserId, d.Name, d.Uri, d.Contacts.OrderBy(c => c.Id).Select(c => c.Id).ToList(), d.Closed));
}
