using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Services.Crm;

/// <summary>The CRM's deals and the contacts they group.</summary>
public sealed partial class CrmSyncService
{
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
            // The documentation marks uri required and, in the same line, optional; a deal without one has no CRM link.
            CrmSync.WebAddress(problems, "uri", d.Uri ?? d.Link, FieldLimits.Uri, required: false);
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
        // The contacts whose Deals dropdowns change: those the deals have now, and those they had before.
        var touched = existing.Values.SelectMany(d => d.Contacts.Select(c => c.Id)).Concat(contactIds).ToHashSet(StringComparer.Ordinal);
        foreach (var d in deals)
        {
            if (!existing.TryGetValue(d!.Id!, out var deal))
            {
                deal = new Deal { Id = d.Id!, Origin = RecordOrigin.Crm, OriginSource = source };
                db.Deals.Add(deal);
            }

            deal.Name = d.Name!.Trim();
            deal.ResponsibleUserId = d.ResponsibleUserId;
            deal.Uri = CrmSync.Clean(d.Uri ?? d.Link);
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
        notifier.Publish(new DealsChanged(touched));
        return CrmPushOutcome.Stored(deals.Count);
    }

    /// <summary>A page of the deals, with how many there are in all.</summary>
    public async Task<CrmPage<CrmDealDto>> ListDealsAsync(int offset, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var page = await DealDtos(db.Deals.AsNoTracking().OrderBy(d => d.Name).ThenBy(d => d.Id).Skip(Math.Max(0, offset)).Take(CrmSync.PageSize))
            .ToListAsync(cancellationToken);
        return new CrmPage<CrmDealDto>(await db.Deals.CountAsync(cancellationToken), page);
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
        var touched = await db.Deals.Where(d => found.Contains(d.Id)).SelectMany(d => d.Contacts.Select(c => c.Id)).Distinct().ToListAsync(cancellationToken);
        await db.Deals.Where(d => found.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        notifier.Publish(new DealsChanged(touched));
        return new CrmDeletion(found, [.. ids.Distinct().Except(found, StringComparer.Ordinal)]);
    }
}
