using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Tests.Concurrency;

namespace WazzupAdmin.Tests.Routing;

/// <summary>In turn with weights on the demo store: the shares follow the weights, under concurrency too.</summary>
[Trait("Category", "Routing")]
public sealed class WeightsStoreTests : IAsyncLifetime
{
    // In turn; eligible: Boris, Carmen, Dmitri.
    private static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;

    private IncomingMessageStore store = default!;

    public async Task InitializeAsync()
    {
        store = await IncomingMessageStore.StartAsync();
        await using var db = store.CreateDbContext();
        await db.ChannelAccess.Where(a => a.ChannelId == SalesTelegram && a.CrmUserId == "u-boris").ExecuteUpdateAsync(s => s.SetProperty(a => a.Weight, 3));
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    [Fact]
    public async Task Under_200_concurrent_new_clients_each_reps_share_follows_their_weight_exactly()
    {
        var results = await Task.WhenAll(Enumerable.Range(1, 200).Select(i => Task.Run(() => NewClientAsync(i))));

        var shares = results.GroupBy(r => r.ResponsibleUserId!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(120, shares["u-boris"]);
        Assert.Equal(40, shares["u-carmen"]);
        Assert.Equal(40, shares["u-dmitri"]);
    }

    [Fact]
    public async Task Over_any_run_of_clients_the_shares_stay_within_one_client_of_the_weights()
    {
        var received = new List<string>();
        for (var i = 1; i <= 25; i++)
        {
            received.Add((await NewClientAsync(i)).ResponsibleUserId!);
            var boris = received.Count(r => r == "u-boris");
            Assert.InRange(boris, (received.Count * 3 / 5.0) - 1, (received.Count * 3 / 5.0) + 1);
        }

        await using var db = store.CreateDbContext();
        var last = await db.Assignments.AsNoTracking().Where(a => a.ChannelId == SalesTelegram).OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal(AssignmentReasonKind.InTurn, last.ReasonKind);
    }

    [Fact]
    public async Task The_credits_are_stored_so_the_shares_hold_across_a_restart()
    {
        var before = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            before.Add((await NewClientAsync(i)).ResponsibleUserId!);
        }

        await store.RestartAsync();
        var after = new List<string>();
        for (var i = 4; i <= 5; i++)
        {
            after.Add((await NewClientAsync(i)).ResponsibleUserId!);
        }

        // Five clients at weights 3:1:1 are three for Boris and one each for the others, restart or not.
        var all = before.Concat(after).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, all["u-boris"]);
        Assert.Equal(1, all["u-carmen"]);
        Assert.Equal(1, all["u-dmitri"]);
        Assert.Contains(SkipReason.Weight, await SkipReasonsAsync());
    }

    private async Task<List<SkipReason>> SkipReasonsAsync()
    {
        await using var db = store.CreateDbContext();
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.ChannelId == SalesTelegram).ToListAsync();
        return [.. assignments.SelectMany(a => a.Why.Skipped).Select(s => s.Reason)];
    }

    private async Task<ReceivedMessage> NewClientAsync(int n)
    {
        var result = await store.ReceiveAsync(new IncomingMessage(SalesTelegram, $"20000{n:D5}", $"Client {n}", "Hello"));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Received!;
    }
}
