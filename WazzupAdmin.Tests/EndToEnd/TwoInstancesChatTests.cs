using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Instances;
using WazzupAdmin.Tests.EndToEnd.Pages;
using WazzupAdmin.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd;

/// <summary>
/// Two consoles on one PostgreSQL database, each on a loopback port of its own, as two instances behind a load
/// balancer: a rep's chat window open on one shows, without a reload, what the other instance received and decided.
/// Nothing but LISTEN/NOTIFY carries it there: neither console polls the store for new conversations.
/// </summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
[Trait("Category", "Postgres")]
public sealed class TwoInstancesChatTests(E2EFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    // First responder; Boris and Carmen are among its eligible sales reps.
    private static readonly Guid SalesWhatsApp = DemoWorkspace.Channels[0].Id;
    private static readonly TimeSpan ListenerPatience = TimeSpan.FromSeconds(10);

    private AppFactory a = default!;
    private AppFactory b = default!;
    private Uri addressOfA = default!;
    private Uri addressOfB = default!;

    public async Task InitializeAsync()
    {
        a = new AppFactory { Provider = StoreProvider.Postgres };
        addressOfA = await a.StartOnLoopbackAsync();
        b = new AppFactory { Provider = StoreProvider.Postgres, PostgresDatabase = a.PostgresDatabase };
        addressOfB = await b.StartOnLoopbackAsync();
        await a.Services.GetRequiredService<PostgresInstanceListener>().Listening.WaitAsync(ListenerPatience);
        await b.Services.GetRequiredService<PostgresInstanceListener>().Listening.WaitAsync(ListenerPatience);
    }

    public async Task DisposeAsync()
    {
        await b.DisposeAsync();
        await a.DisposeAsync();
    }

    [Fact]
    public async Task A_client_received_by_one_console_appears_live_in_a_window_on_the_other_and_leaves_it_when_a_rep_there_replies()
    {
        await using var borisContext = await fixture.Browser.NewContextAsync(OptionsFor(addressOfB));
        await using var carmenContext = await fixture.Browser.NewContextAsync(OptionsFor(addressOfA));
        var borisOnB = await ChatPage.SignInAsync(await borisContext.NewPageAsync(), "boris@wazzup.demo");
        var carmenOnA = await ChatPage.SignInAsync(await carmenContext.NewPageAsync(), "carmen@wazzup.demo");

        var clientName = $"Nadia {Guid.NewGuid():N}"[..15];
        var sinceReceived = Stopwatch.StartNew();
        await using (var scope = a.Services.CreateAsyncScope())
        {
            var received = await scope.ServiceProvider.GetRequiredService<IncomingMessageService>()
                .ReceiveAsync(new IncomingMessage(SalesWhatsApp, "3461" + Random.Shared.Next(1_000_000, 9_999_999), clientName, "Do you deliver to Valencia?"));
            Assert.True(received.Succeeded, string.Join("; ", received.Errors));
            // First responder: offered to every eligible rep, nobody responsible yet.
            Assert.Null(received.Received!.ResponsibleUserId);
        }

        await Expect(borisOnB.ConversationOf(clientName)).ToBeVisibleAsync();
        output.WriteLine($"Received on A, shown in Boris's window on B after {sinceReceived.ElapsedMilliseconds} ms");
        await Expect(carmenOnA.ConversationOf(clientName)).ToBeVisibleAsync();

        await carmenOnA.OpenAsync(clientName);
        var sinceReplied = Stopwatch.StartNew();
        await carmenOnA.SendAsync("Yes, we do. Which address?");

        await Expect(borisOnB.ConversationOf(clientName)).ToHaveCountAsync(0);
        output.WriteLine($"Carmen's reply on A took the client out of Boris's window on B after {sinceReplied.ElapsedMilliseconds} ms");
    }

    private BrowserNewContextOptions OptionsFor(Uri console)
    {
        var options = fixture.ContextOptions();
        options.BaseURL = console.AbsoluteUri;
        return options;
    }
}
