using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Services.Accounts;

namespace WazzupAdmin.Services.Audit;

/// <summary>Adds audit entries to the context of the change they describe, so both commit together or not at all.</summary>
public static class AuditTrail
{
    public static void Record(this AppDbContext db, Actor actor, DateTime atUtc, Channel? channel, string what, string? oldValue, string? newValue, string? subject = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = atUtc,
            ActorAccountId = actor.AccountId,
            ActorName = actor.Name,
            ChannelId = channel?.Id,
            ChannelName = channel?.Name,
            What = what,
            Subject = subject,
            OldValue = oldValue,
            NewValue = newValue,
        });
}
