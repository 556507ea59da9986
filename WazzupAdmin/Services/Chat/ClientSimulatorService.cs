using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Services.Chat;

/// <summary>A client the channel already knows: a contact with an identifier of the channel's messenger.</summary>
/// <param name="ClientId">The identifier the client writes from, as the contact stores it; empty for a Telegram contact the
/// CRM gave only by <paramref name="Username"/> or <paramref name="Phone"/>.</param>
/// <param name="LastActivityAtUtc">The last message on this channel; null when the client has not written to it yet.</param>
/// <param name="OfferedTo">For a new first-responder client nobody has replied to yet, the reps it is offered to on this channel.</param>
public sealed record KnownClient(
    string ContactId, string Name, string ClientId, string? Username, string? Phone, string? ResponsibleName, DateTime? LastActivityAtUtc,
    IReadOnlyList<string> OfferedTo);

/// <summary>What became of a simulated message, with names instead of user ids.</summary>
/// <param name="ResponsibleName">The client's responsible user after the message; null while unassigned or offered.</param>
public sealed record SimulatedDelivery(
    long ConversationId, string ContactName, bool IsNewClient, string? ResponsibleName, IReadOnlyList<string> OfferedTo)
{
    public bool Unassigned => ResponsibleName is null && OfferedTo.Count == 0;
}

public sealed record SimulationResult(SimulatedDelivery? Delivery, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Delivery is not null;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}

/// <summary>
/// Lets an administrator play a client writing to a channel: the message goes through the real
/// <see cref="IncomingMessageService"/>, so what the settings decide is what happens.
/// </summary>
public sealed class ClientSimulatorService(
    IDbContextFactory<AppDbContext> dbFactory, CurrentActor currentActor, IncomingMessageService incoming, ChannelTransports transports)
{
    public async Task<SimulationResult> SendAsync(IncomingMessage message, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        var result = await incoming.ReceiveAsync(message, cancellationToken);
        if (result.Received is not { } received)
        {
            return new SimulationResult(null, result.Errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = received.OfferedTo.Append(received.ResponsibleUserId).OfType<string>().ToList();
        var names = await db.CrmUsers.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var contactName = await db.Contacts.AsNoTracking().Where(c => c.Id == received.ContactId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        return new SimulationResult(
            new SimulatedDelivery(
                received.ConversationId,
                contactName ?? "",
                received.IsNewClient,
                received.ResponsibleUserId is null ? null : names.GetValueOrDefault(received.ResponsibleUserId, received.ResponsibleUserId),
                [.. received.OfferedTo.Select(id => names.GetValueOrDefault(id, id)).Order(StringComparer.CurrentCultureIgnoreCase)]),
            []);
    }

    /// <summary>The clients who can write to the channel again: those who wrote to it most recently first, then the
    /// CRM's other contacts with an identifier of the channel's messenger.</summary>
    public async Task<IReadOnlyList<KnownClient>> KnownClientsAsync(Guid channelId, int take = 20, CancellationToken cancellationToken = default)
    {
        await currentActor.RequireAdministratorAsync();
        var transport = await transports.FindAsync(channelId, cancellationToken);
        if (transport is null)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var chatType = transport.Value.ClientChatType().ApiName();
        var clients = await db.ContactChats.AsNoTracking()
            .Where(x => x.ChatType == chatType)
            .Join(db.Contacts, x => x.ContactId, c => c.Id, (x, c) => new
            {
                c.Id,
                c.Name,
                x.ChatId,
                x.Username,
                x.Phone,
                ResponsibleName = c.ResponsibleUser!.Name,
                LastActivityAtUtc = db.Conversations.Where(v => v.ChannelId == channelId && v.ContactId == c.Id)
                    .Select(v => (DateTime?)v.LastActivityAtUtc).FirstOrDefault(),
            })
            .OrderBy(r => r.LastActivityAtUtc == null).ThenByDescending(r => r.LastActivityAtUtc).ThenBy(r => r.Name)
            .Take(take)
            .ToListAsync(cancellationToken);

        var contactIds = clients.Select(c => c.Id).ToList();
        var offers = await db.ConversationOffers.AsNoTracking()
            .Join(db.Conversations, o => o.ConversationId, v => v.Id, (o, v) => new { o.UserId, v.ChannelId, v.ContactId })
            .Where(o => o.ChannelId == channelId && contactIds.Contains(o.ContactId))
            .Join(db.CrmUsers, o => o.UserId, u => u.Id, (o, u) => new { o.ContactId, u.Name })
            .ToListAsync(cancellationToken);
        var offeredTo = offers.ToLookup(o => o.ContactId, o => o.Name, StringComparer.Ordinal);
        return
        [
            .. clients.Select(r => new KnownClient(
                r.Id, r.Name, r.ChatId ?? "", r.Username, r.Phone, r.ResponsibleName, r.LastActivityAtUtc,
                [.. offeredTo[r.Id].Order(StringComparer.CurrentCultureIgnoreCase)])),
        ];
    }
}
