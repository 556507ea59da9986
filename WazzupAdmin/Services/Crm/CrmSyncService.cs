using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Services.Crm;

/// <summary>
/// What the CRM pushes through the API: users, contacts and deals, upserted by id. A write is checked whole first and
/// stored in one transaction, so a request with any invalid entity stores none of it. What changes who is responsible
/// for a client reaches open chat windows after the commit.
/// </summary>
public sealed partial class CrmSyncService(
    IDbContextFactory<AppDbContext> dbFactory, ChatNotifier notifier, TimeProvider clock, SessionRevocations revocations)
{
    /// <summary>
    /// The user's unanswered counter: the unanswered conversations they see (a sales rep their own clients and the new
    /// clients offered to them, a manager or quality control every client of their channels). Null for an unknown user.
    /// </summary>
    /// <returns>How many clients wait for the user's answer, whether the counter only informs, and when the latest of
    /// those clients wrote; null when there is no such user.</returns>
    public async Task<(int Count, bool Informational, DateTime? LastMessageAtUtc)?> UnansweredAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.CrmUsers.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return null;
        }

        var unanswered = (await ConversationVisibility.VisibleToAsync(db, userId, cancellationToken)).Where(c => c.Unanswered);
        var count = await unanswered.CountAsync(cancellationToken);
        var last = await unanswered.MaxAsync(c => (DateTime?)c.LastActivityAtUtc, cancellationToken);
        return (count, await ConversationVisibility.CounterIsInformationalAsync(db, userId, cancellationToken),
            last is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null);
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
            c.Chats.OrderBy(x => x.Id).Select(x => new CrmChatDto(x.ChatType, x.ChatId, x.Username, x.Phone)).ToList(),
            c.Uri));

    private static IQueryable<CrmDealDto> DealDtos(IQueryable<Deal> deals) =>
        deals.Select(d => new CrmDealDto(d.Id, d.ResponsibleUserId, d.Name, d.Uri, d.Contacts.OrderBy(c => c.Id).Select(c => c.Id).ToList(), d.Closed));
}
