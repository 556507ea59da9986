using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Routing;
using WazzupAdmin.Tests.Chat;

namespace WazzupAdmin.Tests.Routing;

/// <summary>Offer timeouts on the demo store, driven by a fake clock: due times in the store, acted on once each.</summary>
[Trait("Category", "Routing")]
public sealed class OfferTimeoutStoreTests : IAsyncLifetime
{
    // In turn; eligible: Boris, Carmen, Dmitri.
    private static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;

    // First responder; eligible: Boris, Carmen, Dmitri, Hugo; Farid is a sales rep who does not receive new clients.
    private static readonly Guid SalesWhatsApp = DemoWorkspace.Channels[0].Id;

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private ChatWorkspace workspace = default!;

    public async Task InitializeAsync() => workspace = await ChatWorkspace.StartAsync(clock: clock);

    public async Task DisposeAsync() => await workspace.DisposeAsync();

    [Fact]
    public async Task In_turn_an_unanswered_client_moves_rep_by_rep_then_to_the_managers_and_the_rotation_keeps_its_place()
    {
        await SetTimeoutAsync(SalesTelegram, minutes: 5, maxMoves: 2);
        var client = await NewClientAsync(SalesTelegram, 1);
        Assert.Equal("u-boris", client.ResponsibleUserId);

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, await HandleDueAsync());
        Assert.Equal("u-boris", await ResponsibleAsync(client.ConversationId));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await HandleDueAsync());
        Assert.Equal("u-carmen", await ResponsibleAsync(client.ConversationId));
        // Boris keeps his place: the next new client is the turn after his.
        Assert.Equal("u-carmen", (await NewClientAsync(SalesTelegram, 2)).ResponsibleUserId);

        clock.Advance(TimeSpan.FromMinutes(5));
        await HandleDueAsync();
        Assert.Equal("u-dmitri", await ResponsibleAsync(client.ConversationId));

        clock.Advance(TimeSpan.FromMinutes(5));
        await HandleDueAsync();
        Assert.Null(await ResponsibleAsync(client.ConversationId));

        await using var db = CreateDbContext();
        var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == client.ConversationId);
        Assert.Null(conversation.OfferDueAtUtc);
        Assert.NotNull(conversation.OfferTimedOutAtUtc);
        var history = await db.Assignments.AsNoTracking().Where(a => a.ConversationId == client.ConversationId).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(
            [AssignmentReasonKind.InTurn, AssignmentReasonKind.OfferTimedOutMoved, AssignmentReasonKind.OfferTimedOutMoved, AssignmentReasonKind.OfferTimedOutToManagers],
            history.Select(a => a.ReasonKind));
        Assert.Equal(["u-boris", "u-carmen", "u-dmitri", null], history.Select(a => a.UserId));
        Assert.Equal("Timed out: Boris Ivanov did not reply in time; moved to the next rep in turn. Skipped: Boris Ivanov (Timed out).", history[1].Reason);
        var deal = await db.Deals.AsNoTracking().SingleAsync(d => d.Id == conversation.NewClientDealId);
        Assert.Null(deal.ResponsibleUserId);

        // The managers see it marked in their chat window.
        var seenByAnna = await workspace.AsUserAsync("u-anna", (ChatReadingService chat) => chat.ListAsync());
        Assert.True(seenByAnna.Single(c => c.Id == client.ConversationId).TimedOut);
    }

    [Fact]
    public async Task A_reply_before_the_timeout_keeps_the_client_with_the_rep()
    {
        await SetTimeoutAsync(SalesTelegram, minutes: 5, maxMoves: 2);
        var client = await NewClientAsync(SalesTelegram, 1);

        clock.Advance(TimeSpan.FromMinutes(3));
        var sent = await workspace.AsUserAsync("u-boris", (ChatReplyService chat) => chat.SendAsync(client.ConversationId, "Hello, how can I help?"));
        Assert.Equal(SendStatus.Sent, sent.Status);
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(0, await HandleDueAsync());
        Assert.Equal("u-boris", await ResponsibleAsync(client.ConversationId));
    }

    [Fact]
    public async Task First_responder_widens_an_unclaimed_offer_to_every_sales_rep_of_the_channel()
    {
        await SetTimeoutAsync(SalesWhatsApp, minutes: 10, maxMoves: 2);
        var client = await NewClientAsync(SalesWhatsApp, 1);
        Assert.DoesNotContain("u-farid", client.OfferedTo);

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await HandleDueAsync());

        await using var db = CreateDbContext();
        var offers = await db.ConversationOffers.AsNoTracking().Where(o => o.ConversationId == client.ConversationId).Select(o => o.UserId).ToListAsync();
        Assert.Equal(["u-boris", "u-carmen", "u-dmitri", "u-farid", "u-hugo"], offers.Order(StringComparer.Ordinal));
        var widened = await db.Assignments.AsNoTracking().Where(a => a.ConversationId == client.ConversationId).OrderBy(a => a.Id).LastAsync();
        Assert.Equal(AssignmentReasonKind.OfferWidened, widened.ReasonKind);
        Assert.Contains("Farid Khan", widened.ReasonNames);
        // Farid can now claim the client by replying.
        var sent = await workspace.AsUserAsync("u-farid", (ChatReplyService chat) => chat.SendAsync(client.ConversationId, "I can help"));
        Assert.Equal(SendStatus.Sent, sent.Status);
        Assert.Equal("u-farid", await ResponsibleAsync(client.ConversationId));
    }

    [Fact]
    public async Task With_timeouts_off_nothing_ever_comes_due()
    {
        var client = await NewClientAsync(SalesTelegram, 1);

        clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(0, await HandleDueAsync());
        Assert.Equal("u-boris", await ResponsibleAsync(client.ConversationId));
    }

    [Fact]
    public async Task Two_instances_acting_at_once_move_a_due_client_once()
    {
        await SetTimeoutAsync(SalesTelegram, minutes: 5, maxMoves: 2);
        var client = await NewClientAsync(SalesTelegram, 1);
        clock.Advance(TimeSpan.FromMinutes(5));

        var handled = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(HandleDueAsync)));

        Assert.Equal(1, handled.Sum());
        Assert.Equal("u-carmen", await ResponsibleAsync(client.ConversationId));
        await using var db = CreateDbContext();
        Assert.Equal(1, await db.Assignments.CountAsync(a => a.ConversationId == client.ConversationId && a.ReasonKind == AssignmentReasonKind.OfferTimedOutMoved));
    }

    [Fact]
    public async Task Each_move_reaches_the_crm_as_responsible_changed_and_the_open_windows_live()
    {
        await using (var db = CreateDbContext())
        {
            db.WebhookSettings.Add(new WebhookSettings { Secret = "s", Uri = "https://crm.example.com/hooks", ContactsAndDealsCreation = true });
            await db.SaveChangesAsync();
        }

        await SetTimeoutAsync(SalesTelegram, minutes: 5, maxMoves: 2);
        var client = await NewClientAsync(SalesTelegram, 1);
        var heard = new TaskCompletionSource<ChatEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = workspace.Services.GetRequiredService<ChatNotifier>().Subscribe(e =>
        {
            // The new client's own event may still be on its way: the one to wait for is the timeout's.
            if (e.Kind == ChatEventKind.OfferTimedOut)
            {
                heard.TrySetResult(e);
            }

            return Task.CompletedTask;
        });
        clock.Advance(TimeSpan.FromMinutes(5));

        await HandleDueAsync();

        var chatEvent = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((ChatEventKind.OfferTimedOut, client.ConversationId), (chatEvent.Kind, chatEvent.ConversationId));
        await using var check = CreateDbContext();
        var changes = (await check.OutboxEvents.AsNoTracking().Where(e => e.Kind == WebhookKinds.ResponsibleChanged).ToListAsync())
            .Where(e => e.Payload.Contains(client.ContactId, StringComparison.Ordinal) && e.Payload.Contains("\"reason\":\"timeout\"", StringComparison.Ordinal))
            .ToList();
        var change = Assert.Single(changes);
        Assert.Contains("\"responsibleUserId\":\"u-carmen\"", change.Payload, StringComparison.Ordinal);
        Assert.Contains("\"previousResponsibleUserId\":\"u-boris\"", change.Payload, StringComparison.Ordinal);
    }

    private WazzupAdmin.Data.AppDbContext CreateDbContext() =>
        workspace.Services.GetRequiredService<IDbContextFactory<WazzupAdmin.Data.AppDbContext>>().CreateDbContext();

    private async Task<int> HandleDueAsync()
    {
        await using var scope = workspace.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OfferTimeoutService>().HandleDueAsync();
    }

    private async Task<string?> ResponsibleAsync(long conversationId)
    {
        await using var db = CreateDbContext();
        return await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId).Select(c => c.Contact!.ResponsibleUserId).SingleAsync();
    }

    private async Task<ReceivedMessage> NewClientAsync(Guid channelId, int n)
    {
        var clientId = channelId == SalesWhatsApp ? $"3461100{n:D4}" : $"20000{n:D5}";
        await using var scope = workspace.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IncomingMessageService>()
            .ReceiveAsync(new IncomingMessage(channelId, clientId, $"Client {n}", "Hello"));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Received!;
    }

    private async Task SetTimeoutAsync(Guid channelId, int minutes, int maxMoves, WidenOfferTo widenTo = WidenOfferTo.AllReps)
    {
        await using var db = CreateDbContext();
        await db.Channels.Where(c => c.Id == channelId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.OfferTimeoutMinutes, minutes)
            .SetProperty(c => c.OfferMaxMoves, maxMoves)
            .SetProperty(c => c.OfferWidenTo, widenTo));
    }
}
