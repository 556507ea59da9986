using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Tests.EndToEnd.Pages;
using WazzupAdmin.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd;

/// <summary>
/// A client who writes while no sales rep is online waits in the channel's queue, shown with its wait on the unassigned
/// page, and goes live to the first rep who opens the chat window. The test runs a console of its own, so the setting it
/// changes stays its own.
/// </summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
[Trait("Category", "Routing")]
public sealed class QueueTests(E2EFixture fixture)
{
    private static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;

    [Fact]
    public async Task A_queued_client_goes_to_the_first_rep_who_comes_online_and_leaves_the_unassigned_page_live()
    {
        await using var app = new AppFactory();
        var baseUrl = await app.StartOnLoopbackAsync();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await db.Channels.Where(c => c.Id == SalesTelegram).ExecuteUpdateAsync(s => s.SetProperty(c => c.OnlyOnlineRepsReceiveNewClients, true));
        }

        var clientName = $"Olga {Guid.NewGuid():N}"[..14];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var received = await scope.ServiceProvider.GetRequiredService<IncomingMessageService>()
                .ReceiveAsync(new IncomingMessage(SalesTelegram, "olga_" + Guid.NewGuid().ToString("N")[..8], clientName, "Is anyone there?"));
            Assert.Null(received.Received!.ResponsibleUserId);
        }

        var options = fixture.ContextOptions();
        options.BaseURL = baseUrl.AbsoluteUri;
        await using var adminContext = await fixture.Browser.NewContextAsync(options);
        var admin = await adminContext.NewPageAsync();
        await (await new LoginPage(admin).GotoAsync()).SignInAsync(DemoWorkspace.AdminEmail, E2EFixture.AdminPassword);
        await BlazorPage.GotoAsync(admin, "settings/unassigned");
        var row = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = clientName });
        await Expect(row).ToContainTextAsync("In the queue for 0 min");

        await using var borisContext = await fixture.Browser.NewContextAsync(options);
        var boris = await ChatPage.SignInAsync(await borisContext.NewPageAsync(), "boris@wazzup.demo");

        await Expect(boris.ConversationOf(clientName)).ToBeVisibleAsync();
        await Expect(row).ToHaveCountAsync(0);
    }
}
