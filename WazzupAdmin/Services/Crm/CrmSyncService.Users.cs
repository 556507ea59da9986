using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Services.Crm;

/// <summary>The CRM's users.</summary>
public sealed partial class CrmSyncService
{
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

    /// <summary>Every user after <paramref name="offset"/>: the documentation lists users all at once, not in pages.</summary>
    public async Task<CrmPage<CrmUserDto>> ListUsersAsync(int offset, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var page = await db.CrmUsers.AsNoTracking()
            .OrderBy(u => u.Name).ThenBy(u => u.Id)
            .Skip(Math.Max(0, offset))
            .Select(u => new CrmUserDto(u.Id, u.Name, u.Phone))
            .ToListAsync(cancellationToken);
        return new CrmPage<CrmUserDto>(await db.CrmUsers.CountAsync(cancellationToken), page);
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
    /// their offers and channel access end, and a console account linked to one stays but is unlinked, its open windows ended.
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
        // A console account acting as a deleted user is unlinked, and its sessions end: its open windows acted as that user.
        var unlinked = await db.Users.Where(u => found.Contains(u.CrmUserId!)).ToListAsync(cancellationToken);
        foreach (var account in unlinked)
        {
            account.CrmUserId = null;
            account.SecurityStamp = Guid.NewGuid().ToString("N");
            account.ConcurrencyStamp = Guid.NewGuid().ToString();
        }

        await db.SaveChangesAsync(cancellationToken);
        await db.CrmUsers.Where(u => found.Contains(u.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        foreach (var account in unlinked)
        {
            revocations.Revoke(account.Id, account.SecurityStamp!);
        }

        foreach (var c in touched)
        {
            notifier.Publish(new ChatEvent(ChatEventKind.Reassigned, c.ChannelId, c.Id));
        }

        return new CrmDeletion(found, [.. ids.Distinct().Except(found, StringComparer.Ordinal)]);
    }
}
