using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Routing;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Routing;

/// <summary>An offer that comes due while the console is down is acted on at the next start, once.</summary>
[Trait("Category", "Routing")]
public sealed class OfferTimeoutRestartTests
{
    private static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;

    [Fact]
    public async Task An_offer_that_came_due_while_the_console_was_down_moves_once_at_start()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var notifier = new ChatNotifier(NullLogger<ChatNotifier>.Instance);
        var app = new AppFactory
        {
            TestServices = services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton(notifier);
            },
        };
        long conversationId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            {
                await db.Channels.Where(c => c.Id == SalesTelegram).ExecuteUpdateAsync(s => s.SetProperty(c => c.OfferTimeoutMinutes, 5));
            }

            var received = await scope.ServiceProvider.GetRequiredService<IncomingMessageService>()
                .ReceiveAsync(new IncomingMessage(SalesTelegram, "2000000001", "Nadia", "Hello"));
            Assert.Equal("u-boris", received.Received!.ResponsibleUserId);
            conversationId = received.Received.ConversationId;
        }

        var restarted = await app.RestartAsync();
        await using (restarted)
        {
            clock.Advance(TimeSpan.FromMinutes(6));
            var moved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var subscription = notifier.Subscribe(e =>
            {
                if (e.Kind == ChatEventKind.OfferTimedOut && e.ConversationId == conversationId)
                {
                    moved.TrySetResult();
                }

                return Task.CompletedTask;
            });

            // Starting the console is all it takes: the worker looks for due offers at once.
            _ = restarted.Services;
            await moved.Task.WaitAsync(TimeSpan.FromSeconds(30));

            await using var scope = restarted.Services.CreateAsyncScope();
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<OfferTimeoutService>().HandleDueAsync());
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var history = await db.Assignments.AsNoTracking().Where(a => a.ConversationId == conversationId).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal([AssignmentReasonKind.InTurn, AssignmentReasonKind.OfferTimedOutMoved], history.Select(a => a.ReasonKind));
            Assert.Equal("u-carmen", history[1].UserId);
        }
    }
}
