using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Tests.EndToEnd.Pages;
using WazzupAdmin.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd;

/// <summary>
/// The routing numbers page of a channel, watched by an administrator while clients write and a rep replies. Each test
/// runs a console of its own, so the numbers are exactly those of the test's clients; the history from before today is
/// written into its store, since no browser can write to a channel two days ago.
/// </summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
[Trait("Category", "Routing")]
public sealed partial class RoutingStatsTests(E2EFixture fixture)
{
    private const string SalesTelegram = "Sales Telegram";
    private const string Heading = "Routing numbers: Sales Telegram";
    private static readonly Guid SalesTelegramId = DemoWorkspace.Channels[1].Id;

    [Fact]
    public async Task An_administrator_sees_each_reps_numbers_follow_new_clients_and_replies_live_and_narrows_them_to_today()
    {
        await using var app = new AppFactory();
        var options = fixture.ContextOptions();
        options.BaseURL = (await app.StartOnLoopbackAsync()).AbsoluteUri;
        await BorisRepliedTwoDaysAgoAsync(app, after: TimeSpan.FromSeconds(90));

        await using var adminContext = await fixture.Browser.NewContextAsync(options);
        var admin = await adminContext.NewPageAsync();
        await (await new LoginPage(admin).GotoAsync()).SignInAsync(E2EFixture.AdminEmail, E2EFixture.AdminPassword);
        var channels = await new ChannelsPage(admin).GotoAsync();
        await channels.Row(SalesTelegram).GetByRole(AriaRole.Link, new() { Name = "Routing numbers", Exact = true }).ClickAsync();
        var stats = await new RoutingStatsPage(admin).WaitForAsync(Heading);

        await Expect(stats.Period.Locator("option:checked")).ToHaveTextAsync("Last 7 days");
        await Expect(stats.Numbers("Boris Ivanov")).ToHaveTextAsync(["1", "0", "0", "1", "1 min 30 s", "1 min 30 s"]);
        await Expect(stats.Numbers("Carmen López")).ToHaveTextAsync(["0", "0", "0", "0", "—", "—"]);
        await Expect(stats.Chart.Locator("svg")).ToBeVisibleAsync();
        await Expect(stats.Chart).ToContainTextAsync("Boris Ivanov");
        await Expect(stats.Chart).ToContainTextAsync("Received");
        // Gone if anything below reloads the page.
        await admin.EvaluateAsync("() => window.openedOnce = true");

        await using var carmenContext = await fixture.Browser.NewContextAsync(options);
        var carmen = await ChatPage.SignInAsync(await carmenContext.NewPageAsync(), "carmen@wazzup.demo");
        var simulator = await new SimulatorPage(await adminContext.NewPageAsync()).GotoAsync();
        var clientName = $"Olga {Guid.NewGuid():N}"[..14];
        var outcome = await simulator.SendNewClientAsync(SalesTelegram, "olga_" + Guid.NewGuid().ToString("N")[..8], clientName, "Is anyone there?");
        Assert.Equal("Carmen López", SimulatorPage.AssignedTo(outcome));

        await Expect(stats.Numbers("Carmen López")).ToHaveTextAsync(["1", "0", "0", "0", "—", "—"]);

        await carmen.OpenAsync(clientName);
        await carmen.SendAsync("Good morning, how can I help?");

        await Expect(stats.Numbers("Carmen López")).ToHaveTextAsync(OneClientRepliedTo());
        await Expect(stats.Numbers("Boris Ivanov")).ToHaveTextAsync(["1", "0", "0", "1", "1 min 30 s", "1 min 30 s"]);

        var lastSevenDays = await stats.PeriodText.TextContentAsync();
        await stats.ChoosePeriodAsync("Today");

        await Expect(stats.PeriodText).Not.ToHaveTextAsync(lastSevenDays ?? "");
        await Expect(stats.Numbers("Boris Ivanov")).ToHaveTextAsync(["0", "0", "0", "0", "—", "—"]);
        await Expect(stats.Numbers("Carmen López")).ToHaveTextAsync(OneClientRepliedTo());
        Assert.True(await admin.EvaluateAsync<bool>("() => window.openedOnce === true"), "The routing numbers page reloaded.");
    }

    [Fact]
    public async Task In_Spanish_the_routing_numbers_page_has_Spanish_headings()
    {
        await using var app = new AppFactory();
        var options = fixture.ContextOptions();
        var baseUrl = await app.StartOnLoopbackAsync();
        options.BaseURL = baseUrl.AbsoluteUri;
        await BorisRepliedTwoDaysAgoAsync(app, after: TimeSpan.FromMinutes(75));

        await using var context = await fixture.Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        await (await new LoginPage(page).GotoAsync()).SignInAsync(E2EFixture.AdminEmail, E2EFixture.AdminPassword);
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=es|uic=es", Url = baseUrl.AbsoluteUri }]);
        var stats = await new RoutingStatsPage(page).GotoAsync(SalesTelegramId, "Cifras de reparto: Sales Telegram");

        await Expect(stats.ColumnHeaders).ToHaveTextAsync(
            ["Comercial", "Recibidos", "Reclamados", "Tiempo agotado", "Respondidos", "Mediana de la primera respuesta", "Percentil 90 de la primera respuesta"]);
        await Expect(stats.Numbers("Boris Ivanov")).ToHaveTextAsync(["1", "0", "0", "1", "1 h 15 min", "1 h 15 min"]);
        await Expect(page.GetByLabel("Periodo", new() { Exact = true }).Locator("option:checked")).ToHaveTextAsync("Últimos 7 días");
        await Expect(stats.PeriodText).ToContainTextAsync("días completos en UTC");
        await Expect(stats.Chart).ToContainTextAsync("Recibidos");
    }

    /// <summary>A client of Sales Telegram went to Boris in turn two days ago, and Boris replied <paramref name="after"/>.</summary>
    private static async Task BorisRepliedTwoDaysAgoAsync(AppFactory app, TimeSpan after)
    {
        long conversationId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var received = await scope.ServiceProvider.GetRequiredService<IncomingMessageService>()
                .ReceiveAsync(new IncomingMessage(SalesTelegramId, "nina_" + Guid.NewGuid().ToString("N")[..8], "Nina Berg", "Hello"));
            Assert.Equal("u-boris", received.Received!.ResponsibleUserId);
            conversationId = received.Received.ConversationId;
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var twoDays = TimeSpan.FromDays(2);
        foreach (var assignment in await db.Assignments.Where(a => a.ConversationId == conversationId).ToListAsync())
        {
            assignment.AtUtc -= twoDays;
        }

        var messages = await db.Messages.Where(m => m.ConversationId == conversationId).ToListAsync();
        foreach (var message in messages)
        {
            message.SentAtUtc -= twoDays;
        }

        var wrote = messages.Min(m => m.SentAtUtc);
        db.Messages.Add(new Message { ConversationId = conversationId, Incoming = false, AuthorUserId = "u-boris", Text = "Hello, Nina", SentAtUtc = wrote + after });
        await db.SaveChangesAsync();
    }

    /// <summary>A rep's row for one client received in turn and replied to, however soon.</summary>
    private static Regex[] OneClientRepliedTo() => [Exactly("1"), Exactly("0"), Exactly("0"), Exactly("1"), ReplyTime(), ReplyTime()];

    private static Regex Exactly(string text) => new($"^{Regex.Escape(text)}$");

    /// <summary>A first reply written seconds (on a slow machine, minutes) after the client wrote.</summary>
    [GeneratedRegex(@"^(\d+ s|\d+ min \d+ s)$")]
    private static partial Regex ReplyTime();
}
