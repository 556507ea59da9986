using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Tests.EndToEnd.Pages;
using WazzupAdmin.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd;

/// <summary>
/// An offer that times out moves live from one rep's open chat window to the next. The test runs a console of its own
/// on a fake clock, which it moves past the timeout instead of waiting for it.
/// </summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
[Trait("Category", "Routing")]
public sealed class OfferTimeoutTests(E2EFixture fixture)
{
    private static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;

    [Fact]
    public async Task A_client_the_rep_does_not_answer_moves_to_the_next_reps_open_window_when_the_clock_passes_the_timeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new AppFactory { TestServices = services => services.AddSingleton<TimeProvider>(clock) };
        var baseUrl = await app.StartOnLoopbackAsync();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await db.Channels.Where(c => c.Id == SalesTelegram).ExecuteUpdateAsync(s => s.SetProperty(c => c.OfferTimeoutMinutes, 1));
        }

        var options = fixture.ContextOptions();
        options.BaseURL = baseUrl.AbsoluteUri;
        await using var borisContext = await fixture.Browser.NewContextAsync(options);
        await using var carmenContext = await fixture.Browser.NewContextAsync(options);
        var boris = await ChatPage.SignInAsync(await borisContext.NewPageAsync(), "boris@wazzup.demo");
        var carmen = await ChatPage.SignInAsync(await carmenContext.NewPageAsync(), "carmen@wazzup.demo");

        var clientName = $"Olga {Guid.NewGuid():N}"[..14];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var received = await scope.ServiceProvider.GetRequiredService<IncomingMessageService>()
                .ReceiveAsync(new IncomingMessage(SalesTelegram, "olga_" + Guid.NewGuid().ToString("N")[..8], clientName, "Is anyone there?"));
            Assert.Equal("u-boris", received.Received!.ResponsibleUserId);
        }

        await Expect(boris.ConversationOf(clientName)).ToBeVisibleAsync();
        await Expect(carmen.ConversationOf(clientName)).ToHaveCountAsync(0);

        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));

        await Expect(carmen.ConversationOf(clientName)).ToBeVisibleAsync();
        await Expect(boris.ConversationOf(clientName)).ToHaveCountAsync(0);
    }
}
