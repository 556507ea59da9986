using System.Globalization;
using Microsoft.Playwright;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Tests.EndToEnd.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd;

/// <summary>
/// New clients reach the right people: the simulator plays the client, the reps watch their chat windows. All tests
/// share one console, so every client here is new (random identifier and name) and round robin is checked by the
/// rotation, not by who happens to be next.
/// </summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
public sealed class ChatTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private const string SalesWhatsApp = "Sales WhatsApp";
    private const string SalesTelegram = "Sales Telegram";
    private const string Boris = "boris@wazzup.demo";
    private const string Carmen = "carmen@wazzup.demo";
    private const string Elena = "elena@wazzup.demo";

    /// <summary>The in-turn order of the demo's Sales Telegram reps.</summary>
    private static readonly string[] TelegramRotation = ["Boris Ivanov", "Carmen López", "Dmitri Sokolov"];

    private static readonly Guid SalesTelegramId = DemoWorkspace.Channels.Single(c => c.Name == SalesTelegram).Id;

    [Fact]
    public Task First_responder_new_client_appears_live_for_every_rep_and_leaves_the_others_once_one_replies() => RunAsync(async sessions =>
    {
        var admin = await sessions.OpenAsync("admin", signedInAsAdministrator: true);
        await EnsureAlgorithmAsync(admin, SalesWhatsApp, NewClientsPage.FirstResponder);
        var simulator = await new SimulatorPage(admin).GotoAsync();
        var boris = await ChatPage.SignInAsync(await sessions.OpenAsync("boris"), Boris);
        var carmen = await ChatPage.SignInAsync(await sessions.OpenAsync("carmen"), Carmen);
        var client = $"Walk-in {RandomLetters(8)}";
        await Expect(boris.ConversationOf(client)).ToHaveCountAsync(0);
        await Expect(carmen.ConversationOf(client)).ToHaveCountAsync(0);

        var outcome = await simulator.SendNewClientAsync(SalesWhatsApp, RandomSpanishMobile(), client, "Hello, do you sell oak doors?");

        Assert.Contains("Offered to", outcome);
        Assert.Contains("Boris Ivanov", outcome);
        Assert.Contains("Carmen López", outcome);
        // Both lists update without a reload.
        await Expect(boris.ConversationOf(client)).ToContainTextAsync("New client");
        await Expect(carmen.ConversationOf(client)).ToContainTextAsync("New client");
        await Expect(carmen.ConversationOf(client)).ToContainTextAsync("Unanswered");

        await boris.OpenAsync(client);
        const string BorisDraft = "Good morning, Boris here.";
        await boris.WriteAsync(BorisDraft);
        await carmen.OpenAsync(client);
        await carmen.SendAsync("Hello! Yes, we have oak doors in stock.");

        await Expect(carmen.ConversationOf(client)).Not.ToContainTextAsync("New client");
        await Expect(boris.ConversationOf(client)).ToHaveCountAsync(0);
        // Boris's open pane learns of the claim; if it has not yet when he presses Send, the reply is refused instead.
        var taken = boris.Pane.GetByText(ChatPage.TakenBy("Carmen López"));
        var refused = boris.Problem.Filter(new() { HasText = "Already taken by Carmen López" });
        if (await boris.SendButton.IsVisibleAsync() && await boris.SendButton.IsEnabledAsync())
        {
            await boris.SendButton.ClickAsync();
        }

        await Expect(taken.Or(refused)).ToBeVisibleAsync();
        if (await refused.IsVisibleAsync())
        {
            Output.WriteLine("Boris's reply was refused before his pane learned of the claim.");
            await Expect(boris.Composer).ToHaveValueAsync(BorisDraft);
        }
        else
        {
            await Expect(boris.History).ToHaveCountAsync(0);
        }
    });

    [Fact]
    public Task In_turn_new_clients_go_to_the_reps_one_after_another() => RunAsync(async sessions =>
    {
        var admin = await sessions.OpenAsync("admin", signedInAsAdministrator: true);
        await EnsureAlgorithmAsync(admin, SalesTelegram, NewClientsPage.InTurn);
        var simulator = await new SimulatorPage(admin).GotoAsync();
        var distribution = await new DistributionPage(await sessions.OpenAsync("distribution", signedInAsAdministrator: true))
            .GotoAsync(SalesTelegramId, SalesTelegram);

        var assigned = new List<(string Client, string Rep)>();
        for (var i = 0; i < 3; i++)
        {
            var next = await distribution.NextRepAsync();
            var client = $"Visitor {RandomLetters(8)}";
            var outcome = await simulator.SendNewClientAsync(SalesTelegram, $"client_{RandomLetters(10).ToLowerInvariant()}", client, "Hi, what are your opening hours?");

            var rep = SimulatorPage.AssignedTo(outcome);
            Assert.True(rep is not null, $"Not assigned to one rep: {outcome}");
            Assert.Equal(next, rep);
            assigned.Add((client, rep));
            // The preview follows live: the rep just given a client is not next.
            await Expect(distribution.Preview).Not.ToContainTextAsync($"goes to {rep}.");
        }

        Assert.Equal(3, assigned.Select(a => a.Rep).Distinct().Count());
        for (var i = 1; i < assigned.Count; i++)
        {
            var previous = Array.IndexOf(TelegramRotation, assigned[i - 1].Rep);
            Assert.True(previous >= 0, $"{assigned[i - 1].Rep} is not a Sales Telegram rep.");
            Assert.Equal(TelegramRotation[(previous + 1) % TelegramRotation.Length], assigned[i].Rep);
        }

        foreach (var (client, rep) in assigned)
        {
            var email = DemoWorkspace.Users.Single(u => u.Name == rep).Email;
            var chat = await ChatPage.SignInAsync(await sessions.OpenAsync(email), email);
            await Expect(chat.ConversationOf(client)).ToBeVisibleAsync();
            await Expect(chat.ConversationOf(client)).Not.ToContainTextAsync("New client");
            foreach (var other in assigned.Where(a => a.Rep != rep))
            {
                await Expect(chat.ConversationOf(other.Client)).ToHaveCountAsync(0);
            }
        }
    });

    [Fact]
    public Task Quality_control_reads_a_conversation_but_cannot_write() => RunAsync(async sessions =>
    {
        var elena = await ChatPage.SignInAsync(await sessions.OpenAsync("elena"), Elena);

        await elena.OpenAsync("Lucía Fernández");

        await Expect(elena.History).ToContainTextAsync("Do you deliver on Saturdays?");
        await Expect(elena.WriteBlocked).ToHaveTextAsync("Quality control cannot write.");
        await Expect(elena.Composer).ToBeDisabledAsync();
        await Expect(elena.SendButton).ToBeDisabledAsync();
    });

    [Fact]
    public Task Deals_menu_lists_only_the_reps_own_deals_with_the_client_and_creates_one_for_them() => RunAsync(async sessions =>
    {
        var lucia = DemoWorkspace.Contacts.Single(c => c.Name == "Lucía Fernández");
        var borisUser = DemoWorkspace.Users.Single(u => u.Email == Boris);
        var expected = DemoWorkspace.Deals
            .Where(d => d.ResponsibleUserId == borisUser.Id && d.ContactIds.Contains(lucia.Id))
            .Select(d => d.Id)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["d-2001", "d-2015"], expected);
        var boris = await ChatPage.SignInAsync(await sessions.OpenAsync("boris"), Boris);

        await boris.OpenAsync(lucia.Name);
        await boris.OpenDealsAsync();

        await Expect(boris.DealLinks).ToHaveCountAsync(expected.Count);
        var shown = new List<string>();
        foreach (var link in await boris.DealLinks.AllAsync())
        {
            var id = await link.GetAttributeAsync("data-deal-id") ?? "";
            shown.Add(id);
            Assert.EndsWith($"/demo-crm/deals/{id}", await link.GetAttributeAsync("href") ?? "");
        }

        Assert.Equal(expected, shown.Order(StringComparer.Ordinal));
        // Lucía's deal with Carmen is not Boris's business.
        Assert.DoesNotContain("d-2002", shown);
        var createDeal = await boris.CreateDealLink.GetAttributeAsync("href") ?? "";
        Assert.Contains($"contactId={lucia.Id}", createDeal);
        Assert.Contains($"userId={borisUser.Id}", createDeal);
        await Expect(boris.CreateDealLink).ToHaveTextAsync("Create deal");
    });

    [Fact]
    public Task Rep_typing_the_address_of_another_reps_conversation_sees_nothing_of_it() => RunAsync(async sessions =>
    {
        var carmen = await ChatPage.SignInAsync(await sessions.OpenAsync("carmen"), Carmen);
        var marcoConversation = await carmen.ConversationIdOfAsync("Marco Rossi");
        var boris = await ChatPage.SignInAsync(await sessions.OpenAsync("boris"), Boris);

        await boris.GotoAsync($"chat/{marcoConversation.ToString(CultureInfo.InvariantCulture)}");

        await Expect(boris.Pane).ToContainTextAsync(ChatPage.NotAvailable);
        await Expect(boris.History).ToHaveCountAsync(0);
        await Expect(boris.Composer).ToHaveCountAsync(0);
        await Expect(boris.Page.GetByText("Marco Rossi")).ToHaveCountAsync(0);
        await Expect(boris.Pane).Not.ToContainTextAsync("Could you send me the price list?");
    });

    /// <summary>Other tests switch a demo channel's algorithm: put back the one this test is about.</summary>
    private static async Task EnsureAlgorithmAsync(IPage admin, string channel, string algorithm)
    {
        var channels = await new ChannelsPage(admin).GotoAsync();
        var newClients = await channels.OpenNewClientsAsync(channel);
        if (!await newClients.Algorithm(algorithm).IsCheckedAsync())
        {
            await newClients.ChooseAlgorithmAsync(algorithm);
            await newClients.SaveAsync();
        }
    }

    private static string RandomLetters(int length) =>
        string.Create(length, Random.Shared, (chars, random) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)('A' + random.Next(26));
            }
        });

    private static string RandomSpanishMobile() =>
        string.Create(CultureInfo.InvariantCulture, $"+34 6{Random.Shared.Next(10, 100)} {Random.Shared.Next(100, 1000)} {Random.Shared.Next(100, 1000)}");
}
