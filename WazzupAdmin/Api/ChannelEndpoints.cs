using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Domain.Channels;

namespace WazzupAdmin.Api;

/// <summary>A channel as the real product's API lists it.</summary>
public sealed record ChannelDto(Guid ChannelId, string Transport, string PlainId, string State);

public static class ChannelEndpoints
{
    public static RouteGroupBuilder MapChannelEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/channels", async (IDbContextFactory<AppDbContext> dbFactory, CancellationToken cancellationToken) =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var channels = await db.Channels.AsNoTracking().OrderBy(c => c.CreatedAtUtc).ToListAsync(cancellationToken);
                return channels.Select(c => new ChannelDto(c.Id, c.Transport.ApiName(), c.PlainId, c.State.ApiName())).ToList();
            })
            .WithName("ListChannels")
            .WithSummary("The workspace's channels")
            .WithDescription("Every channel with its transport (whatsapp, wapi, instagram, tgapi, telegram), plain id and state.")
            .WithTags("Channels");
        return api;
    }
}
