using System.Net;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Api;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>Replacing the pipelines never destroys what deals and channels point at.</summary>
public sealed class PipelineRemovalTests : IAsyncLifetime
{
    private readonly AppFactory app = new();
    private HttpClient client = default!;

    public async Task InitializeAsync() => client = await ApiClient.CreateAsync(app);

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    private static object[] DemoPipelines() =>
    [
        .. DemoWorkspace.Funnels.Select(f => (object)new { id = f.Id, name = f.Name, stages = f.Stages.Select(s => new { id = s.Id, name = s.Name }).ToArray() }),
    ];

    [Fact]
    public async Task An_empty_list_is_refused_and_nothing_changes()
    {
        var before = await SnapshotAsync();

        using var response = await client.PostJsonAsync($"{ApiV3.Prefix}/pipelines", Array.Empty<object>());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_PIPELINES_DATA", await response.ErrorCodeAsync());
        Assert.Contains("at least one pipeline", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_deal_keeps_its_funnel_and_stage_when_they_are_removed_and_the_same_ids_pushed_again_restore_it()
    {
        await client.PostOkAsync($"{ApiV3.Prefix}/pipelines", new object[]
        {
            new { id = "f-partners", name = "Partners", stages = new[] { new { id = "p-inbound", name = "Inbound request" } } },
        });

        var removed = await app.InStoreAsync(db => db.Deals.Where(d => d.Id == "d-2001").Select(d => new { d.FunnelId, d.StageId }).SingleAsync());
        Assert.Equal(("f-sales", "s-proposal"), (removed.FunnelId, removed.StageId));
        Assert.False(await app.InStoreAsync(db => db.Stages.AnyAsync(s => s.FunnelId == "f-sales")));

        await client.PostOkAsync($"{ApiV3.Prefix}/pipelines", DemoPipelines());

        var restored = await app.InStoreAsync(db => db.Deals.Where(d => d.Id == "d-2001")
            .Select(d => new { d.FunnelId, d.StageId, Stage = db.Stages.Where(s => s.FunnelId == d.FunnelId && s.Id == d.StageId).Select(s => s.Name).FirstOrDefault() })
            .SingleAsync());
        Assert.Equal(("f-sales", "s-proposal", "Proposal"), (restored.FunnelId, restored.StageId, restored.Stage));
    }

    /// <summary>Every funnel, stage, and where each deal and channel points.</summary>
    private Task<string> SnapshotAsync() => app.InStoreAsync(async db =>
    {
        var stages = await db.Stages.OrderBy(s => s.FunnelId).ThenBy(s => s.Id).Select(s => s.FunnelId + "/" + s.Id + ":" + s.Name).ToListAsync();
        var deals = await db.Deals.OrderBy(d => d.Id).Select(d => d.Id + "@" + d.FunnelId + "/" + d.StageId).ToListAsync();
        var channels = await db.Channels.OrderBy(c => c.Name).Select(c => c.Name + "@" + c.FunnelId + "/" + c.StageId).ToListAsync();
        return string.Join("\n", stages.Concat(deals).Concat(channels));
    });
}
