using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Domain.Channels;

namespace WazzupAdmin.Services.Chat;

/// <summary>
/// The transport of each channel, for what needs only that: the API's check of a simulated message's chat type, and the
/// simulator page's list of the clients who can write again. A channel is never deleted and its transport is set when
/// it is connected, so a channel once found is remembered for the life of the process and costs no lookup after that.
/// An id no channel has is looked up every time and not remembered: a channel connected later is found at once, and
/// made-up ids cannot fill the memory. Whether the channel is enabled is not here: the writer checks it against the
/// channel as it is when the message is stored.
/// </summary>
public sealed class ChannelTransports(IDbContextFactory<AppDbContext> dbFactory)
{
    private static readonly CompiledQuery<Func<AppDbContext, Guid, CancellationToken, Task<Transport?>>> TransportOf = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid channelId, CancellationToken _) =>
            db.Channels.Where(c => c.Id == channelId).Select(c => (Transport?)c.Transport).FirstOrDefault()));

    private readonly ConcurrentDictionary<Guid, Transport> known = new();

    /// <returns>The channel's transport, or null when there is no such channel.</returns>
    public async ValueTask<Transport?> FindAsync(Guid channelId, CancellationToken cancellationToken = default)
    {
        if (known.TryGetValue(channelId, out var transport))
        {
            return transport;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await TransportOf.For(db)(db, channelId, cancellationToken) is not { } found)
        {
            return null;
        }

        known[channelId] = found;
        return found;
    }
}
