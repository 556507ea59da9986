using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Audit;

namespace WazzupAdmin.Services.Settings;

/// <summary>A sales rep's coming days off, as the access page lists them.</summary>
public sealed record RepDaysOff(string UserId, string Name, IReadOnlyList<DateOnly> Dates);

/// <summary>
/// Sales reps' days off: on such a day (the channel's calendar date) a rep is not eligible for new clients on any
/// channel. A day is added or removed on its own, so two administrators editing at once cannot overwrite each other.
/// </summary>
public sealed class DaysOffService(
    IDbContextFactory<AppDbContext> dbFactory, CurrentActor currentActor, TimeProvider clock, Routing.QueueSignal queue)
{
    public const string Field = "DayOff";
    public const string ChooseRep = "Choose a sales rep.";
    public const string ChooseDate = "Choose a date.";
    public const string PastDate = "Choose today or a later date.";
    public const string NotARep = "{0} is not a sales rep of this channel.";

    /// <summary>The channel's sales reps with their days off from yesterday on (UTC), soonest first.</summary>
    public async Task<IReadOnlyList<RepDaysOff>> ListAsync(Guid channelId, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var from = Today.AddDays(-1);
        var reps = await db.ChannelAccess.AsNoTracking()
            .Where(a => a.ChannelId == channelId && a.Role == ChannelRole.SalesRep)
            .Select(a => new { a.CrmUserId, a.CrmUser!.Name })
            .ToListAsync(cancellationToken);
        var ids = reps.Select(r => r.CrmUserId).ToList();
        var days = (await db.RepDaysOff.AsNoTracking().Where(d => ids.Contains(d.CrmUserId) && d.Date >= from).ToListAsync(cancellationToken))
            .ToLookup(d => d.CrmUserId, d => d.Date, StringComparer.Ordinal);
        return [.. reps.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).Select(r => new RepDaysOff(r.CrmUserId, r.Name, [.. days[r.CrmUserId].Order()]))];
    }

    public async Task<SaveOutcome> AddAsync(Guid channelId, string? userId, DateOnly? date, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.RequireAdministratorAsync();
        if (string.IsNullOrEmpty(userId))
        {
            return SaveOutcome.Invalid(new FieldError(Field, ChooseRep));
        }

        if (date is not { } day)
        {
            return SaveOutcome.Invalid(new FieldError(Field, ChooseDate));
        }

        // The channel's zone may be a day ahead of UTC.
        if (day < Today.AddDays(-1))
        {
            return SaveOutcome.Invalid(new FieldError(Field, PastDate));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rep = await RepAsync(db, channelId, userId, cancellationToken);
        if (rep is null)
        {
            return SaveOutcome.Invalid(new FieldError(Field, NotARep, userId));
        }

        if (!await db.RepDaysOff.AnyAsync(d => d.CrmUserId == userId && d.Date == day, cancellationToken))
        {
            db.RepDaysOff.Add(new RepDayOff { CrmUserId = userId, Date = day });
            db.Record(actor, clock.GetUtcNow().UtcDateTime, null, AuditText.DayOff, null, Text(day), subject: rep);
            await SaveIgnoringTheSameDayAddedMeanwhileAsync(db, cancellationToken);
        }

        return SaveOutcome.Saved(0);
    }

    public async Task RemoveAsync(Guid channelId, string userId, DateOnly date, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await RepAsync(db, channelId, userId, cancellationToken) is not { } rep)
        {
            return;
        }

        var removed = await db.RepDaysOff.Where(d => d.CrmUserId == userId && d.Date == date).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            db.Record(actor, clock.GetUtcNow().UtcDateTime, null, AuditText.DayOff, Text(date), null, subject: rep);
            await db.SaveChangesAsync(cancellationToken);
            // The rep may be back today: their queued clients can go to them.
            queue.Wake();
        }
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The rep's name, when they are a sales rep of the channel.</summary>
    private static Task<string?> RepAsync(AppDbContext db, Guid channelId, string userId, CancellationToken cancellationToken) =>
        db.ChannelAccess.AsNoTracking()
            .Where(a => a.ChannelId == channelId && a.CrmUserId == userId && a.Role == ChannelRole.SalesRep)
            .Select(a => a.CrmUser!.Name)
            .FirstOrDefaultAsync(cancellationToken);

    private static async Task SaveIgnoringTheSameDayAddedMeanwhileAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another administrator added the same day at the same moment: it is there, which is what was asked.
        }
    }
}
