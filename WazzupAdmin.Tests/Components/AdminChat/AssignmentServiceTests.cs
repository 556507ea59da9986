using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Routing;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Tests.Components.AdminChat;

/// <summary>Assigning unassigned clients, previewing the next new client and the assignment history, on the demo workspace.</summary>
public sealed class AssignmentServiceTests : IAsyncLifetime
{
    // Sales WhatsApp: first responder to Boris, Carmen, Dmitri and Hugo; Anna manager. Sales Telegram: in turn among
    // Boris, Carmen and Dmitri; Anna manager. Store Instagram: Greta manager.
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
    public async Task A_client_nobody_was_eligible_for_is_listed_as_unassigned_with_the_channels_sales_reps()
    {
        var client = await UnassignedTelegramClientAsync();

        var unassigned = await workspace.RunAsync<AssignmentService, IReadOnlyList<UnassignedClient>>(s => s.UnassignedAsync());

        var row = Assert.Single(unassigned);
        Assert.Equal(client.ConversationId, row.ConversationId);
        Assert.Equal(("Sales Telegram", "Nina Berg", "Hello"), (row.ChannelName, row.ContactName, row.LastMessagePreview));
        Assert.Equal(["Boris Ivanov", "Carmen López", "Dmitri Sokolov"], row.SalesReps.Select(r => r.Name));
        Assert.Empty(row.OfferedTo);
    }

    [Fact]
    public async Task Administrator_assigns_a_client_and_the_contact_and_its_new_deal_get_the_same_sales_rep()
    {
        var client = await UnassignedTelegramClientAsync();

        var outcome = await AssignAsync(client.ConversationId, "u-carmen");

        Assert.Equal(AssignmentStatus.Assigned, outcome.Status);
        Assert.Equal(("u-carmen", "u-carmen"), await ResponsibleOfContactAndDealAsync(client.ConversationId));
        Assert.Empty(await workspace.RunAsync<AssignmentService, IReadOnlyList<UnassignedClient>>(s => s.UnassignedAsync()));
    }

    [Fact]
    public async Task Manager_of_the_channel_assigns_its_client()
    {
        var client = await UnassignedTelegramClientAsync();
        await workspace.SignInAsAsync("anna@wazzup.demo");

        var outcome = await AssignAsync(client.ConversationId, "u-dmitri");

        Assert.Equal(AssignmentStatus.Assigned, outcome.Status);
        Assert.Equal(("u-dmitri", "u-dmitri"), await ResponsibleOfContactAndDealAsync(client.ConversationId));
        await workspace.SignInAsAsync(DemoWorkspace.AdminEmail);
        var latest = (await HistoryAsync(SalesTelegram)).Items[0];
        Assert.Equal((AssignmentReasonKind.AssignedBy, "Anna Petrova", null), (latest.Reason.Kind, latest.Reason.Actor, latest.Reason.Previous));
        Assert.Equal("Assigned by Anna Petrova.", latest.Reason.English);
    }

    [Theory]
    [InlineData("boris@wazzup.demo")] // a sales rep of the channel
    [InlineData("greta@wazzup.demo")] // the manager of another channel
    public async Task Nobody_else_may_assign_and_nothing_changes(string email)
    {
        var client = await UnassignedTelegramClientAsync();
        await workspace.SignInAsAsync(email);

        var outcome = await AssignAsync(client.ConversationId, "u-boris");

        Assert.Equal(AssignmentStatus.Refused, outcome.Status);
        Assert.Equal("Only administrators and the channel's managers can assign its clients.", outcome.Errors.Single().Message);
        Assert.Equal((null, null), await ResponsibleOfContactAndDealAsync(client.ConversationId));
    }

    [Theory]
    [InlineData("u-anna")] // the channel's manager
    [InlineData("u-hugo")] // a sales rep of other channels, with no access to this one
    [InlineData("u-nobody")] // no such user
    public async Task Only_a_sales_rep_of_the_channel_can_be_made_responsible(string userId)
    {
        var client = await UnassignedTelegramClientAsync();

        var outcome = await AssignAsync(client.ConversationId, userId);

        Assert.Equal(AssignmentStatus.Invalid, outcome.Status);
        Assert.Equal("Only a sales rep of this channel can be made responsible for its client.", outcome.ErrorFor(AssignmentService.SalesRepField));
        Assert.Equal((null, null), await ResponsibleOfContactAndDealAsync(client.ConversationId));
    }

    [Fact]
    public async Task Assigning_an_offered_first_responder_client_ends_the_offers_and_tells_open_chat_windows()
    {
        var client = await workspace.ClientWritesAsync(SalesWhatsApp, "+34 611 222 333", "Olaf Berg");
        Assert.Equal(4, client.OfferedTo.Count);
        var events = new List<ChatEvent>();
        using var subscription = workspace.Services.GetRequiredService<ChatNotifier>().Subscribe(e =>
        {
            lock (events)
            {
                events.Add(e);
            }

            return Task.CompletedTask;
        });

        var outcome = await AssignAsync(client.ConversationId, "u-hugo");

        Assert.True(outcome.Succeeded);
        await using var context = workspace.CreateDbContext();
        Assert.False(await context.ConversationOffers.AnyAsync(o => o.ConversationId == client.ConversationId));
        Assert.Equal(("u-hugo", "u-hugo"), await ResponsibleOfContactAndDealAsync(client.ConversationId));
        await WaitUntilAsync(() =>
        {
            lock (events)
            {
                return events.Contains(new ChatEvent(ChatEventKind.Reassigned, SalesWhatsApp, client.ConversationId));
            }
        });
    }

    [Fact]
    public async Task The_history_keeps_each_reason_newest_first_and_pages()
    {
        var client = await UnassignedTelegramClientAsync();
        await AssignAsync(client.ConversationId, "u-boris");
        // Reassigning is made on a view that shows Boris responsible.
        await workspace.RunAsync<AssignmentService, AssignmentOutcome>(s => s.AssignAsync(client.ConversationId, "u-carmen", seenResponsibleUserId: "u-boris"));

        var history = await HistoryAsync(SalesTelegram);
        var firstPage = await workspace.RunAsync<DistributionPreviewService, Paged<AssignmentHistoryRow>>(s => s.HistoryAsync(SalesTelegram, 0, 2));

        Assert.Equal(3, history.Total);
        Assert.Equal(
            [
                ("Carmen López", "Assigned by admin@wazzup.demo; previously Boris Ivanov."),
                ("Boris Ivanov", "Assigned by admin@wazzup.demo."),
                (null, "Nobody was eligible: no sales rep with “receives new clients” on."),
            ],
            history.Items.Select(h => (h.UserName, h.Reason.English)));
        Assert.All(history.Items, h => Assert.Equal("Nina Berg", h.ClientName));
        Assert.Equal(3, firstPage.Total);
        Assert.Equal(history.Items.Take(2).Select(h => h.Id), firstPage.Items.Select(h => h.Id));
    }

    [Fact]
    public async Task In_turn_the_preview_names_the_next_sales_rep_in_order()
    {
        var before = await PreviewAsync(SalesTelegram);
        await workspace.ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");
        var after = await PreviewAsync(SalesTelegram);

        Assert.Equal("Boris Ivanov", before.NextRep?.Name);
        Assert.Equal("Carmen López", after.NextRep?.Name);
        Assert.Empty(after.OfferedTo);
        Assert.False(after.Nobody);
    }

    [Fact]
    public async Task First_responder_the_preview_lists_the_sales_reps_it_would_be_offered_to()
    {
        var preview = await PreviewAsync(SalesWhatsApp);

        Assert.Null(preview.NextRep);
        Assert.Equal(["Boris Ivanov", "Carmen López", "Dmitri Sokolov", "Hugo Martín"], preview.OfferedTo.Select(r => r.Name));
        Assert.Equal("Sales WhatsApp", preview.Channel.Name);
    }

    [Fact]
    public async Task With_nobody_eligible_the_preview_says_nobody()
    {
        await workspace.NobodyReceivesNewClientsAsync(SalesWhatsApp);

        var preview = await PreviewAsync(SalesWhatsApp);

        Assert.True(preview.Nobody);
    }

    private async Task<ReceivedMessage> UnassignedTelegramClientAsync()
    {
        await workspace.NobodyReceivesNewClientsAsync(SalesTelegram);
        var client = await workspace.ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");
        Assert.Null(client.ResponsibleUserId);
        return client;
    }

    private Task<AssignmentOutcome> AssignAsync(long conversationId, string userId) =>
        workspace.RunAsync<AssignmentService, AssignmentOutcome>(s => s.AssignAsync(conversationId, userId));

    private async Task<DistributionPreview> PreviewAsync(Guid channelId) =>
        await workspace.RunAsync<DistributionPreviewService, DistributionPreview?>(s => s.PreviewAsync(channelId))
        ?? throw new InvalidOperationException($"Channel {channelId} is missing.");

    private Task<Paged<AssignmentHistoryRow>> HistoryAsync(Guid channelId) =>
        workspace.RunAsync<DistributionPreviewService, Paged<AssignmentHistoryRow>>(s => s.HistoryAsync(channelId, 0, 25));

    private async Task<(string? Contact, string? Deal)> ResponsibleOfContactAndDealAsync(long conversationId)
    {
        await using var context = workspace.CreateDbContext();
        var row = await context.Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId)
            .Select(c => new
            {
                Contact = c.Contact!.ResponsibleUserId,
                Deal = context.Deals.Where(d => d.Id == c.NewClientDealId).Select(d => d.ResponsibleUserId).FirstOrDefault(),
            })
            .SingleAsync();
        return (row.Contact, row.Deal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 10 seconds.");
            await Task.Delay(20);
        }
    }
}
