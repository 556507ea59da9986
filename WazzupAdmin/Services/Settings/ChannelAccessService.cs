using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Audit;

namespace WazzupAdmin.Services.Settings;

public sealed record ChannelHeader(Guid Id, Transport Transport, string PlainId, string Name, ChannelState State, long Version)
{
    /// <summary>The mapping in a form a query can translate.</summary>
    internal static readonly System.Linq.Expressions.Expression<Func<Channel, ChannelHeader>> ToHeader =
        c => new ChannelHeader(c.Id, c.Transport, c.PlainId, c.Name, c.State, c.Version);

    private static readonly Func<Channel, ChannelHeader> FromChannel = ToHeader.Compile();

    /// <summary>The same mapping for a channel already loaded.</summary>
    public static ChannelHeader From(Channel channel) => FromChannel(channel);
}

/// <summary>One CRM user's access to a channel. Users without access are listed with <see cref="ChannelRole.NoAccess"/>.</summary>
/// <param name="MaxUnanswered">A sales rep's own most unanswered clients, overriding the channel's; null to use the channel's.</param>
/// <param name="Weight">In turn: a sales rep's share of new clients, 1 to 10.</param>
public sealed record UserAccess(string UserId, string UserName, ChannelRole Role, bool ReceivesNewClients, int? MaxUnanswered = null, int Weight = 1);

public sealed record ChannelAccessSheet(ChannelHeader Channel, IReadOnlyList<UserAccess> Users, IReadOnlyList<ChannelHeader> OtherChannels);

/// <summary>Who has which role on a channel, and which sales reps receive new clients.</summary>
public sealed class ChannelAccessService(
    IDbContextFactory<AppDbContext> dbFactory, CurrentActor currentActor, TimeProvider clock, Routing.RepPresence presence, Routing.QueueSignal queue)
{
    public async Task<ChannelAccessSheet?> LoadAsync(Guid channelId, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channels = await db.Channels.AsNoTracking().Select(ChannelHeader.ToHeader).ToListAsync(cancellationToken);
        var channel = channels.FirstOrDefault(c => c.Id == channelId);
        if (channel is null)
        {
            return null;
        }

        var users = await UsersWithAccessAsync(db, channelId, cancellationToken);
        var others = channels.Where(c => c.Id != channelId).OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        return new ChannelAccessSheet(channel, users, others);
    }

    /// <summary>Another channel's access, for "copy access from another channel"; the caller saves it as its own.</summary>
    public async Task<IReadOnlyList<UserAccess>> LoadUsersAsync(Guid channelId, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await UsersWithAccessAsync(db, channelId, cancellationToken);
    }

    /// <summary>Stores the given users' access in one transaction, or nothing when the channel changed since <paramref name="expectedVersion"/>.</summary>
    public async Task<SaveOutcome> SaveAsync(Guid channelId, long expectedVersion, IReadOnlyCollection<UserAccess> changes, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channel = await db.Channels.Include(c => c.Access).FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        if (channel is null)
        {
            return SaveOutcome.NotFound;
        }

        if (Check(changes) is { } invalid)
        {
            return SaveOutcome.Invalid(invalid);
        }

        var ids = changes.Select(c => c.UserId).ToHashSet(StringComparer.Ordinal);
        var users = await db.CrmUsers.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var unknown = ids.Where(id => !users.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            return SaveOutcome.Invalid(new FieldError("UserId", "These users no longer exist in the CRM: {0}. Reload the page.", string.Join(", ", unknown)));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var change in changes)
        {
            var row = channel.Access.FirstOrDefault(a => a.CrmUserId == change.UserId);
            var before = Describe(row?.Role ?? ChannelRole.NoAccess, row?.ReceivesNewClients ?? false);
            var receives = change.Role == ChannelRole.SalesRep && change.ReceivesNewClients;
            var after = Describe(change.Role, receives);
            var limit = change.Role == ChannelRole.SalesRep ? change.MaxUnanswered : null;
            if (row is not null && row.Role != ChannelRole.NoAccess && change.Role != ChannelRole.NoAccess && row.MaxUnanswered != limit)
            {
                db.Record(actor, now, channel, AuditText.MaxUnansweredOf, AuditText.Limit(row.MaxUnanswered, AuditText.ChannelLimit),
                    AuditText.Limit(limit, AuditText.ChannelLimit), subject: users[change.UserId].Name);
                row.MaxUnanswered = limit;
            }

            var weight = change.Role == ChannelRole.SalesRep ? change.Weight : 1;
            if (row is not null && row.Role != ChannelRole.NoAccess && change.Role != ChannelRole.NoAccess && row.Weight != weight)
            {
                db.Record(actor, now, channel, AuditText.WeightOf, AuditText.Limit(row.Weight), AuditText.Limit(weight), subject: users[change.UserId].Name);
                row.Weight = weight;
            }

            if (before == after)
            {
                continue;
            }

            if (change.Role == ChannelRole.NoAccess)
            {
                if (row is not null)
                {
                    channel.Access.Remove(row);
                }
            }
            else if (row is null)
            {
                channel.Access.Add(new ChannelAccess { CrmUserId = change.UserId, Role = change.Role, ReceivesNewClients = receives, MaxUnanswered = limit, Weight = weight });
            }
            else
            {
                row.Role = change.Role;
                row.ReceivesNewClients = receives;
            }

            db.Record(actor, now, channel, AuditText.AccessOf, before, after, subject: users[change.UserId].Name);
        }

        var outcome = await ChannelVersioning.SaveAsync(db, channel, expectedVersion, cancellationToken);
        if (outcome.Status == SaveStatus.Saved)
        {
            // Someone may be able to take the channel's waiting clients now.
            queue.Wake();
        }

        return outcome;
    }

    /// <summary>What is wrong with the access as edited, naming the user, or null when it can be saved; a dry run checks the same.</summary>
    public static FieldError? Check(IReadOnlyCollection<UserAccess> access)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.FirstOrDefault(c => c.MaxUnanswered is < 1 or > RoutingChoices.MaxCapacity) is { } outOfRange)
        {
            return new FieldError(nameof(UserAccess.MaxUnanswered), MaxUnansweredRange, outOfRange.UserName);
        }

        return access.FirstOrDefault(c => c.Weight is < RoutingSettings.MinWeight or > RoutingSettings.MaxWeight) is { } badWeight
            ? new FieldError(nameof(UserAccess.Weight), WeightRange, badWeight.UserName)
            : null;
    }

    public const string WeightRange = "The weight of {0} must be a whole number from 1 to 10.";
    public const string MaxUnansweredRange = "The most unanswered clients of {0} must be a whole number from 1 to 1000, or empty for the channel's limit.";

    /// <summary>
    /// The status of each of the channel's sales reps right now: away when they said so in the chat window, online while a
    /// chat window of theirs is open (or closed within the grace period), offline otherwise.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Domain.Distribution.Routing.Presence>> StatusesAsync(Guid channelId, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reps = await db.ChannelAccess.AsNoTracking()
            .Where(a => a.ChannelId == channelId && a.Role == ChannelRole.SalesRep)
            .Select(a => new { a.CrmUserId, a.CrmUser!.AwaySinceUtc })
            .ToListAsync(cancellationToken);
        return reps.ToDictionary(r => r.CrmUserId, r => presence.Of(r.CrmUserId, r.AwaySinceUtc is not null), StringComparer.Ordinal);
    }

    private static string Describe(ChannelRole role, bool receivesNewClients) => AuditText.Access(role, receivesNewClients);

    private static async Task<List<UserAccess>> UsersWithAccessAsync(AppDbContext db, Guid channelId, CancellationToken cancellationToken)
    {
        var rows = await db.CrmUsers.AsNoTracking()
            .Select(u => new
            {
                u.Id,
                u.Name,
                Access = db.ChannelAccess.FirstOrDefault(a => a.ChannelId == channelId && a.CrmUserId == u.Id),
            })
            .ToListAsync(cancellationToken);
        return [.. rows
            .Select(r => new UserAccess(r.Id, r.Name, r.Access?.Role ?? ChannelRole.NoAccess, r.Access?.ReceivesNewClients ?? false, r.Access?.MaxUnanswered, r.Access?.Weight ?? 1))
            .OrderBy(u => u.UserName, StringComparer.CurrentCultureIgnoreCase)];
    }
}
