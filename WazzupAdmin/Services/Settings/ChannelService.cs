using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Audit;

namespace WazzupAdmin.Services.Settings;

public sealed record ChannelSummary(
    Guid Id, Transport Transport, string PlainId, string Name, ChannelState State, long Version,
    int UsersWithAccess, int EligibleSalesReps, bool HasNewClientStage, DistributionAlgorithm Algorithm)
{
    /// <summary>Set while the CRM has removed the channel's new-client stage and nobody has chosen again.</summary>
    public StageRemovedWarning? StageRemoved { get; init; }
}

/// <summary>The channels list: add, rename, disable and enable.</summary>
public sealed class ChannelService(IDbContextFactory<AppDbContext> dbFactory, CurrentActor currentActor, TimeProvider clock)
{
    public async Task<IReadOnlyList<ChannelSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channels = await db.Channels.AsNoTracking()
            .Select(c => new ChannelSummary(
                c.Id, c.Transport, c.PlainId, c.Name, c.State, c.Version,
                c.Access.Count(a => a.Role != ChannelRole.NoAccess),
                c.Access.Count(a => a.Role == ChannelRole.SalesRep && a.ReceivesNewClients),
                c.StageId != null, c.Algorithm))
            .ToListAsync(cancellationToken);
        var warnings = await StageRemovedWarning.ForChannelsAsync(db, null, cancellationToken);
        return
        [
            .. channels
                .Select(c => warnings.TryGetValue(c.Id, out var warning) ? c with { StageRemoved = warning } : c)
                .OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase),
        ];
    }

    public async Task<SaveOutcome> AddAsync(Transport transport, string? plainId, string? name, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.RequireAdministratorAsync();
        var errors = new List<FieldError>();
        var identifier = ChannelIdentifier.Check(transport, plainId);
        if (!identifier.IsValid)
        {
            errors.Add(new FieldError(nameof(Channel.PlainId), identifier.Error!));
        }

        CheckName(name, errors);
        if (errors.Count > 0)
        {
            return SaveOutcome.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await ExistsAsync(db, transport, identifier.Normalized, cancellationToken))
        {
            return SaveOutcome.Invalid(new FieldError(nameof(Channel.PlainId), "A channel with this identifier already exists."));
        }

        // A new channel creates deals in the first stage of the first funnel until an administrator chooses.
        var firstStage = await db.Stages.AsNoTracking()
            .OrderBy(s => s.Funnel!.Position).ThenBy(s => s.Position)
            .FirstOrDefaultAsync(cancellationToken);
        var channel = new Channel
        {
            Id = Guid.NewGuid(),
            Transport = transport,
            PlainId = identifier.Normalized,
            Name = name!.Trim(),
            State = ChannelState.Active,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            FunnelId = firstStage?.FunnelId,
            StageId = firstStage?.Id,
            Version = 1,
        };
        db.Channels.Add(channel);
        db.Record(actor, channel.CreatedAtUtc, channel, AuditText.ChannelAdded, null, $"{transport.DisplayName()} {channel.PlainId}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another administrator added the same identifier between the check and the save.
            if (await ExistsAsync(transport, identifier.Normalized, cancellationToken))
            {
                return SaveOutcome.Invalid(new FieldError(nameof(Channel.PlainId), "A channel with this identifier already exists."));
            }

            throw;
        }

        return SaveOutcome.Saved(channel.Version);
    }

    public async Task<SaveOutcome> RenameAsync(Guid channelId, long expectedVersion, string? name, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        CheckName(name, errors);
        if (errors.Count > 0)
        {
            return SaveOutcome.Invalid(errors);
        }

        return await ChangeAsync(channelId, expectedVersion, AuditText.ChannelName, c => c.Name, c => c.Name = name!.Trim(), cancellationToken);
    }

    public Task<SaveOutcome> SetDisabledAsync(Guid channelId, long expectedVersion, bool disabled, CancellationToken cancellationToken = default) =>
        ChangeAsync(channelId, expectedVersion, AuditText.ChannelState, c => c.State == ChannelState.Disabled ? AuditText.Disabled : AuditText.Active,
            c => c.State = disabled ? ChannelState.Disabled : ChannelState.Active, cancellationToken);

    private async Task<SaveOutcome> ChangeAsync(
        Guid channelId, long expectedVersion, string what, Func<Channel, string> describe, Action<Channel> change, CancellationToken cancellationToken)
    {
        var actor = await currentActor.RequireAdministratorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channel = await db.Channels.FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        if (channel is null)
        {
            return SaveOutcome.NotFound;
        }

        var before = describe(channel);
        var stateBefore = channel.State;
        change(channel);
        var after = describe(channel);
        if (before == after)
        {
            return channel.Version == expectedVersion ? SaveOutcome.Saved(channel.Version) : SaveOutcome.Conflict;
        }

        db.Record(actor, clock.GetUtcNow().UtcDateTime, channel, what, before, after);
        if (channel.State != stateBefore)
        {
            // Saved with the change below, or not at all when the save is refused as a conflict.
            await Webhooks.WebhookEvents.ChannelChangedAsync(db, channel, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
        return await ChannelVersioning.SaveAsync(db, channel, expectedVersion, cancellationToken);
    }

    private async Task<bool> ExistsAsync(Transport transport, string plainId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ExistsAsync(db, transport, plainId, cancellationToken);
    }

    // Messengers treat usernames case-insensitively: "Wazzup_Sales" is the same Telegram account as "wazzup_sales".
    private static Task<bool> ExistsAsync(AppDbContext db, Transport transport, string plainId, CancellationToken cancellationToken)
    {
        var key = plainId.ToLowerInvariant();
        // ToLower() here is SQL's lower(), not .NET's: the culture-aware overloads these rules ask for are not translated.
#pragma warning disable CA1304, CA1311, CA1862
        return db.Channels.AnyAsync(c => c.Transport == transport && c.PlainId.ToLower() == key, cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
    }

    private static void CheckName(string? name, List<FieldError> errors)
    {
        if (FieldRules.Required(name, FieldLimits.ChannelName) is { } error)
        {
            errors.Add(new FieldError(nameof(Channel.Name), error, FieldLimits.ChannelName));
        }
    }
}
