using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Services.Crm;

/// <summary>The CRM's contacts and their chats.</summary>
public sealed partial class CrmSyncService
{
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
        // Each contact's chats in the form they are stored, and who in this request claims each identifier first.
        var chatsOf = new List<List<(ContactChat Chat, int Position)>>();
        var claimedBy = new Dictionary<(string, string, string), string>();
        for (var i = 0; i < contacts.Count; i++)
        {
            var chats = new List<(ContactChat Chat, int Position)>();
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
            CrmSync.WebAddress(problems, "uri", c.Uri, FieldLimits.Uri, required: false);
            if (c.ContactData is null)
            {
                problems.Add(new CrmFieldProblem("contactData", CrmProblem.Required));
            }
            else
            {
                for (var j = 0; j < c.ContactData.Count; j++)
                {
                    var field = $"contactData[{j}]";
                    if (CheckChat(c.ContactData[j], field, problems) is not { } chat
                        || chats.Any(x => SameChat(x.Chat, chat)))
                    {
                        continue;
                    }

                    var taken = false;
                    foreach (var identifier in Identifiers(chat))
                    {
                        if (c.Id is not null && !claimedBy.TryAdd(identifier, c.Id) && claimedBy[identifier] != c.Id)
                        {
                            problems.Add(new CrmFieldProblem(field + "." + identifier.Item2, CrmProblem.ChatIdTaken, claimedBy[identifier]));
                            taken = true;
                        }
                    }

                    if (!taken)
                    {
                        chats.Add((chat, j));
                    }
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

        // A chat is taken when a contact this request does not rewrite has one of its identifiers.
        var holders = await db.ContactChats.Where(x => !ids.Contains(x.ContactId))
            .MatchingAsync(chatsOf.SelectMany(x => x.Select(c => KeyOf(c.Chat))), cancellationToken);
        if (await AdoptProvisionalHoldersAsync(db, contacts, chatsOf, holders, cancellationToken))
        {
            holders = await db.ContactChats.Where(x => !ids.Contains(x.ContactId))
                .MatchingAsync(chatsOf.SelectMany(x => x.Select(c => KeyOf(c.Chat))), cancellationToken);
        }

        for (var i = 0; i < contacts.Count; i++)
        {
            var problems = new List<CrmFieldProblem>();
            foreach (var (chat, position) in chatsOf[i])
            {
                if (holders.FirstOrDefault(KeyOf(chat).Matches) is { } holder)
                {
                    var field = chat.ChatId is not null && (holder.ChatId == chat.ChatId || holder.Username == chat.ChatId) ? "chatId"
                        : chat.Username is not null && (holder.Username == chat.Username || holder.ChatId == chat.Username) ? "username"
                        : "phone";
                    problems.Add(new CrmFieldProblem($"contactData[{position}].{field}", CrmProblem.ChatIdTaken, holder.ContactId));
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
        var toAdd = new List<(Contact Contact, ContactChat Chat)>();
        for (var i = 0; i < contacts.Count; i++)
        {
            var c = contacts[i]!;
            if (!existing.TryGetValue(c.Id!, out var contact))
            {
                contact = new Contact { Id = c.Id!, Origin = RecordOrigin.Crm, OriginSource = source };
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
            var wanted = chatsOf[i].Select(w => w.Chat).ToList();
            foreach (var old in contact.Chats.Where(x => !wanted.Any(w => SameChat(w, x))).ToList())
            {
                contact.Chats.Remove(old);
                db.ContactChats.Remove(old);
            }

            toAdd.AddRange(wanted.Where(w => !contact.Chats.Any(x => SameChat(w, x))).Select(w => (contact, w)));
        }

        // Chats released first, so that one moving between two contacts of this request never exists twice.
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (contact, chat) in toAdd)
        {
            contact.Chats.Add(chat);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var moved = await db.Conversations.AsNoTracking()
            .Where(c => reassigned.Contains(c.ContactId))
            .Select(c => new { c.Id, c.ChannelId, c.ContactId })
            .ToListAsync(cancellationToken);
        if (moved.Count > 0)
        {
            var movedIds = moved.Select(m => m.Id).ToList();
            // The CRM chose the responsible user: nobody else is offered the client and no offer timeout moves them on.
            await OfferEnding.ApplyAsync(db, movedIds, OfferEndCause.SetByCrm, cancellationToken);
            var responsible = contacts.ToDictionary(c => c!.Id!, c => c!.ResponsibleUserId!, StringComparer.Ordinal);
            foreach (var m in moved)
            {
                db.Assignments.Add(new Assignment
                {
                    ConversationId = m.Id,
                    ChannelId = m.ChannelId,
                    UserId = responsible[m.ContactId],
                    AtUtc = now,
                }.Because(AssignmentReason.SetByCrm(source)));
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

    /// <summary>A page of the contacts, with how many there are in all.</summary>
    public async Task<CrmPage<CrmContactDto>> ListContactsAsync(int offset, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contacts = db.Contacts.AsNoTracking().Where(c => c.DeletedAtUtc == null);
        var page = await ContactDtos(contacts.OrderBy(c => c.Name).ThenBy(c => c.Id).Skip(Math.Max(0, offset)).Take(CrmSync.PageSize))
            .ToListAsync(cancellationToken);
        return new CrmPage<CrmContactDto>(await contacts.CountAsync(cancellationToken), page);
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
}
