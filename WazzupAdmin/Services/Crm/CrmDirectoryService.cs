using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Audit;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Services.Crm;

public sealed record CrmUserRow(string Id, string Name, string? Phone);

/// <param name="OriginSource">For a record the CRM pushed, the API key it was pushed with.</param>
public sealed record ContactRow(
    string Id, string Name, string? ResponsibleName, IReadOnlyList<string> Chats, string? Uri, RecordOrigin Origin, string? OriginSource);

public sealed record DealRow(
    string Id, string Name, string? ResponsibleName, bool Closed, IReadOnlyList<string> ContactNames, string? Uri, DealStage? Stage,
    RecordOrigin Origin, string? OriginSource);

/// <summary>
/// What the CRM has sent: users, contacts, deals, funnels. Read-only apart from the refresh.
/// <para>
/// The search ignores case on both stores: SQLite's LIKE already does (for ASCII letters), PostgreSQL's does not, so there
/// the same pattern goes to ILIKE. Not lower() on both sides: the search is a "contains" (a leading %), which no B-tree
/// index serves on either engine with or without lower(), so lower() would buy nothing today and would tie any later
/// PostgreSQL index to the expression lower(column), where a pg_trgm index on the column itself serves ILIKE as it is.
/// The Name indexes serve the pages' ORDER BY, which neither choice changes. The escape character is given explicitly:
/// PostgreSQL assumes a backslash, SQLite assumes none, and without it a search for a Telegram username such as
/// "olga_smirnova" found nothing on SQLite.
/// </para>
/// </summary>
public sealed class CrmDirectoryService(IDbContextFactory<AppDbContext> dbFactory, CurrentActor currentActor, ChatNotifier notifier, TimeProvider clock)
{
    private const string Escape = "\\";

    public async Task<IReadOnlyList<FunnelOption>> FunnelsAsync(CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var funnels = await db.Funnels.AsNoTracking().Include(f => f.Stages).OrderBy(f => f.Position).ToListAsync(cancellationToken);
        return [.. funnels.Select(FunnelOption.From)];
    }

    public async Task<Paged<CrmUserRow>> UsersAsync(string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.CrmUsers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = Like(search);
            query = db.Database.IsNpgsql()
                ? query.Where(u => EF.Functions.ILike(u.Name, pattern, Escape) || EF.Functions.ILike(u.Id, pattern, Escape)
                    || EF.Functions.ILike(u.Phone!, pattern, Escape))
                : query.Where(u => EF.Functions.Like(u.Name, pattern, Escape) || EF.Functions.Like(u.Id, pattern, Escape)
                    || EF.Functions.Like(u.Phone!, pattern, Escape));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(u => u.Name).Skip(skip).Take(take)
            .Select(u => new CrmUserRow(u.Id, u.Name, u.Phone)).ToListAsync(cancellationToken);
        return new Paged<CrmUserRow>(items, total);
    }

    public async Task<Paged<ContactRow>> ContactsAsync(string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Contacts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = Like(search);
            query = db.Database.IsNpgsql()
                ? query.Where(c => EF.Functions.ILike(c.Name, pattern, Escape) || EF.Functions.ILike(c.Id, pattern, Escape)
                    || c.Chats.Any(x => EF.Functions.ILike(x.ChatId!, pattern, Escape)))
                : query.Where(c => EF.Functions.Like(c.Name, pattern, Escape) || EF.Functions.Like(c.Id, pattern, Escape)
                    || c.Chats.Any(x => EF.Functions.Like(x.ChatId, pattern, Escape)));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(c => c.Name).Skip(skip).Take(take)
            .Select(c => new
            {
                c.Id,
                c.Name,
                Responsible = c.ResponsibleUser!.Name,
                Chats = c.Chats.Select(x => new { x.ChatType, x.ChatId, x.Username, x.Phone }).ToList(),
                c.Uri,
                c.Origin,
                c.OriginSource,
            })
            .ToListAsync(cancellationToken);
        return new Paged<ContactRow>(
            [.. items.Select(c => new ContactRow(
                c.Id, c.Name, c.Responsible, [.. c.Chats.Select(x => x.ChatType + ": " + ContactChatText.Identifier(x.ChatId, x.Username, x.Phone))],
                c.Uri, c.Origin, c.OriginSource))],
            total);
    }

    public async Task<Paged<DealRow>> DealsAsync(string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Deals.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = Like(search);
            query = db.Database.IsNpgsql()
                ? query.Where(d => EF.Functions.ILike(d.Name, pattern, Escape) || EF.Functions.ILike(d.Id, pattern, Escape)
                    || d.Contacts.Any(c => EF.Functions.ILike(c.Name, pattern, Escape)))
                : query.Where(d => EF.Functions.Like(d.Name, pattern, Escape) || EF.Functions.Like(d.Id, pattern, Escape)
                    || d.Contacts.Any(c => EF.Functions.Like(c.Name, pattern, Escape)));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(d => d.Name).Skip(skip).Take(take)
            .Select(d => new
            {
                d.Id,
                d.Name,
                Responsible = d.ResponsibleUser!.Name,
                d.Closed,
                Contacts = d.Contacts.Select(c => c.Name).ToList(),
                d.Uri,
                d.FunnelId,
                d.StageId,
                CurrentFunnel = db.Funnels.Where(f => f.Id == d.FunnelId).Select(f => f.Name).FirstOrDefault(),
                CurrentStage = db.Stages.Where(s => s.FunnelId == d.FunnelId && s.Id == d.StageId).Select(s => s.Name).FirstOrDefault(),
                d.FunnelName,
                d.StageName,
                d.Origin,
                d.OriginSource,
            })
            .ToListAsync(cancellationToken);
        return new Paged<DealRow>(
            [
                .. items.Select(d => new DealRow(
                    d.Id, d.Name, d.Responsible, d.Closed, d.Contacts, d.Uri,
                    DealStage.From(d.FunnelId, d.StageId, d.CurrentFunnel, d.CurrentStage, d.FunnelName, d.StageName), d.Origin, d.OriginSource)),
            ],
            total);
    }

    /// <summary>When the CRM last pushed each kind of data (users, contacts, deals, pipelines), in that order.</summary>
    public async Task<IReadOnlyList<CrmPushInfo>> PushesAsync(CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pushes = await db.CrmPushes.AsNoTracking().ToDictionaryAsync(p => p.Kind, cancellationToken);
        return
        [
            .. Data.Entities.CrmPushKinds.All.Select(kind => pushes.TryGetValue(kind, out var p)
                ? new CrmPushInfo(kind, p.LastPushAtUtc, p.LastCount, p.Source)
                : new CrmPushInfo(kind, null, 0, null)),
        ];
    }

    /// <summary>Reloads what the CRM sends. Until the CRM's API is connected, that is the demo CRM.</summary>
    public async Task RefreshFromCrmAsync(CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.RequireAdministratorAsync();
        await DemoCrm.ImportAsync(dbFactory, clock, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Record(actor, clock.GetUtcNow().UtcDateTime, null, AuditText.CrmRefreshed, null, null);
        await db.SaveChangesAsync(cancellationToken);
        notifier.Publish(new DealsChanged([.. Data.Demo.DemoWorkspace.Deals.SelectMany(d => d.ContactIds).Distinct()]));
    }

    private static string Like(string search) =>
        "%" + search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
