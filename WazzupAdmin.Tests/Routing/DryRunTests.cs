using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Routing;
using WazzupAdmin.Services.Settings;
using WazzupAdmin.Tests.Components.AdminChat;

namespace WazzupAdmin.Tests.Routing;

/// <summary>
/// The dry run: where the next new clients would go with settings not yet saved, beside where they go as saved, on
/// the demo workspace; and that it saves nothing.
/// </summary>
[Trait("Category", "Routing")]
public sealed class DryRunTests : IAsyncLifetime
{
    // Sales WhatsApp: first responder to Boris, Carmen, Dmitri and Hugo. Sales Telegram: in turn among Boris, Carmen
    // and Dmitri; Hugo has no access.
    private static readonly Guid SalesWhatsApp = DemoWorkspace.Channels[0].Id;
    private static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;

    private SignedInWorkspace workspace = default!;

    public async Task InitializeAsync()
    {
        workspace = await SignedInWorkspace.StartAsync();
        await workspace.SignInAsAsync(DemoWorkspace.AdminEmail);
    }

    public async Task DisposeAsync() => await workspace.DisposeAsync();

    [Fact]
    public async Task An_unsaved_weight_shows_the_new_shares_beside_the_saved_rotation_and_saves_nothing()
    {
        var before = await StoredStateAsync();
        var access = await AccessAsync(SalesTelegram);

        var run = await DryRunAsync(SalesTelegram, new RoutingDraft(Access: [.. access.Select(u => u.UserId == "u-boris" ? u with { Weight = 3 } : u)]));

        Assert.Equal(
            ["Boris Ivanov", "Carmen López", "Dmitri Sokolov", "Boris Ivanov", "Carmen López", "Dmitri Sokolov", "Boris Ivanov", "Carmen López", "Dmitri Sokolov", "Boris Ivanov"],
            run.AsSaved.Select(c => c.AssignedTo));
        var shares = run.WithChanges.GroupBy(c => c.AssignedTo!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(6, shares["Boris Ivanov"]);
        Assert.Equal(2, shares["Carmen López"]);
        Assert.Equal(2, shares["Dmitri Sokolov"]);
        Assert.Null(run.Error);
        Assert.Equal(before, await StoredStateAsync());
    }

    [Fact]
    public async Task Access_as_edited_decides_who_takes_part_a_new_sales_rep_in_and_a_removed_one_out()
    {
        var access = await AccessAsync(SalesTelegram);
        var edited = access.Select(u => u.UserId switch
        {
            "u-carmen" => u with { Role = ChannelRole.NoAccess, ReceivesNewClients = false },
            "u-hugo" => u with { Role = ChannelRole.SalesRep, ReceivesNewClients = true },
            _ => u,
        });

        var run = await DryRunAsync(SalesTelegram, new RoutingDraft(Access: [.. edited]));

        Assert.Equal(["Boris Ivanov", "Carmen López", "Dmitri Sokolov"], run.AsSaved.Select(c => c.AssignedTo!).Distinct().Order());
        Assert.Equal(["Boris Ivanov", "Dmitri Sokolov", "Hugo Martín"], run.WithChanges.Select(c => c.AssignedTo!).Distinct().Order());
        Assert.True(run.Differences > 0);
    }

    [Fact]
    public async Task Switching_to_first_responder_offers_each_client_to_every_eligible_rep()
    {
        var run = await DryRunAsync(SalesTelegram, new RoutingDraft(DistributionAlgorithm.FirstResponder, Stored(), WorkingHoursChoices.AlwaysOpen));

        Assert.All(run.WithChanges, c => Assert.Equal(["Boris Ivanov", "Carmen López", "Dmitri Sokolov"], c.OfferedTo));
        Assert.All(run.WithChanges, c => Assert.Null(c.AssignedTo));
        Assert.Equal(DistributionPreviewService.PreviewCount, run.Differences);
    }

    [Fact]
    public async Task Only_online_reps_with_every_window_closed_sends_the_next_clients_to_the_queue()
    {
        var run = await DryRunAsync(SalesWhatsApp, new RoutingDraft(DistributionAlgorithm.FirstResponder, Stored() with { OnlyOnlineReps = true }, WorkingHoursChoices.AlwaysOpen));

        Assert.All(run.AsSaved, c => Assert.False(c.Queued));
        Assert.All(run.WithChanges, c => Assert.True(c.Queued));
    }

    [Fact]
    public async Task A_limit_of_one_unanswered_client_fills_each_rep_once_and_queues_the_rest()
    {
        var run = await DryRunAsync(SalesTelegram, new RoutingDraft(DistributionAlgorithm.InTurn, Stored() with { MaxUnansweredPerRep = 1 }, WorkingHoursChoices.AlwaysOpen));

        Assert.Equal(["Boris Ivanov", "Carmen López", "Dmitri Sokolov"], run.WithChanges.Take(3).Select(c => c.AssignedTo));
        Assert.All(run.WithChanges.Skip(3), c => Assert.True(c.Queued));
    }

    [Fact]
    public async Task A_draft_that_could_not_be_saved_is_answered_with_the_error_of_its_save()
    {
        var capacity = await DryRunAsync(SalesTelegram, new RoutingDraft(DistributionAlgorithm.InTurn, Stored() with { MaxUnansweredPerRep = 0 }, WorkingHoursChoices.AlwaysOpen));
        var access = await AccessAsync(SalesTelegram);
        var weight = await DryRunAsync(SalesTelegram, new RoutingDraft(Access: [.. access.Select(u => u.UserId == "u-dmitri" ? u with { Weight = 11 } : u)]));

        Assert.Equal((RoutingChoices.CapacityField, RoutingChoices.CapacityRange), (capacity.Error?.Field, capacity.Error?.Message));
        Assert.Empty(capacity.WithChanges);
        Assert.Equal(ChannelAccessService.WeightRange, weight.Error?.Message);
        Assert.Equal(["Dmitri Sokolov"], weight.Error?.Arguments);
    }

    [Fact]
    public async Task Only_administrators_may_run_it()
    {
        await workspace.SignInAsAsync("boris@wazzup.demo");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            workspace.RunAsync<DistributionPreviewService, RoutingDryRun?>(s => s.DryRunAsync(SalesTelegram, new RoutingDraft())));
    }

    private static RoutingChoices Stored() => new(OnlyOnlineReps: false, MaxUnansweredPerRep: null);

    private async Task<RoutingDryRun> DryRunAsync(Guid channelId, RoutingDraft draft) =>
        await workspace.RunAsync<DistributionPreviewService, RoutingDryRun?>(s => s.DryRunAsync(channelId, draft))
        ?? throw new InvalidOperationException($"Channel {channelId} is missing.");

    private async Task<IReadOnlyList<UserAccess>> AccessAsync(Guid channelId) =>
        await workspace.RunAsync<ChannelAccessService, IReadOnlyList<UserAccess>>(s => s.LoadUsersAsync(channelId));

    /// <summary>Everything a save or a distribution would have changed.</summary>
    private async Task<string> StoredStateAsync()
    {
        await using var db = workspace.CreateDbContext();
        var channels = await db.Channels.AsNoTracking().OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.Version}:{c.Algorithm}").ToListAsync();
        var access = await db.ChannelAccess.AsNoTracking().OrderBy(a => a.ChannelId).ThenBy(a => a.CrmUserId)
            .Select(a => $"{a.CrmUserId}:{a.Role}:{a.Weight}:{a.Credit}").ToListAsync();
        var turns = await db.ChannelTurns.AsNoTracking().Select(t => t.LastAssignedUserId).ToListAsync();
        return string.Join("|", channels.Concat(access).Concat(turns.Select(t => t ?? "-")))
            + $"|{await db.Assignments.CountAsync()}|{await db.AuditEntries.CountAsync()}";
    }
}
