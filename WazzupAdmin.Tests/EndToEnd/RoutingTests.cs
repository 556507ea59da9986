using Microsoft.Playwright;
using WazzupAdmin.Tests.EndToEnd.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd;

/// <summary>Routing that follows the reps' chat windows, watched in real browsers rep by rep.</summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
[Trait("Category", "Routing")]
public sealed class RoutingTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private const string SalesTelegram = "Sales Telegram";

    // Past the grace period of the in-process console (one second) or of an external one (one minute by default).
    private static readonly LocatorAssertionsToHaveTextOptions GracePeriod = new() { Timeout = 90_000 };

    [Fact]
    public Task A_rep_who_closes_their_chat_window_is_skipped_by_the_next_new_client() => RunAsync(async sessions =>
    {
        var admin = await sessions.OpenAsync("admin", signedInAsAdministrator: true);
        var newClients = await (await new ChannelsPage(admin).GotoAsync()).OpenNewClientsAsync(SalesTelegram);
        await newClients.ChooseAlgorithmAsync(NewClientsPage.InTurn);
        await newClients.OnlyOnlineReps.CheckAsync();
        await newClients.SaveAsync();
        try
        {
            var access = await (await new ChannelsPage(await sessions.OpenAsync("access", signedInAsAdministrator: true)).GotoAsync())
                .OpenAccessAsync(SalesTelegram);
            var simulator = await new SimulatorPage(admin).GotoAsync();
            var borisPage = await sessions.OpenAsync("boris");
            await ChatPage.SignInAsync(borisPage, "boris@wazzup.demo");
            await ChatPage.SignInAsync(await sessions.OpenAsync("carmen"), "carmen@wazzup.demo");
            await Expect(access.StatusOf("Boris Ivanov")).ToHaveTextAsync("Online");
            await Expect(access.StatusOf("Carmen López")).ToHaveTextAsync("Online");
            await Expect(access.StatusOf("Dmitri Sokolov")).ToHaveTextAsync("Offline", GracePeriod);

            var before = new List<string?>();
            for (var i = 0; i < 2; i++)
            {
                before.Add(SimulatorPage.AssignedTo(await simulator.SendNewClientAsync(SalesTelegram, NewClientId(), $"Early {i} {Suffix()}", "Hello")));
            }

            Assert.Equal(["Boris Ivanov", "Carmen López"], before.Order(StringComparer.Ordinal));

            await borisPage.CloseAsync();
            await Expect(access.StatusOf("Boris Ivanov")).ToHaveTextAsync("Offline", GracePeriod);

            for (var i = 0; i < 2; i++)
            {
                var outcome = await simulator.SendNewClientAsync(SalesTelegram, NewClientId(), $"Late {i} {Suffix()}", "Hello");
                Assert.Equal("Carmen López", SimulatorPage.AssignedTo(outcome));
            }
        }
        finally
        {
            var restore = await (await new ChannelsPage(admin).GotoAsync()).OpenNewClientsAsync(SalesTelegram);
            await restore.OnlyOnlineReps.UncheckAsync();
            await restore.SaveAsync();
        }
    });

    [Fact]
    public Task A_dry_run_shows_where_the_next_clients_would_go_with_unsaved_settings_and_saves_nothing() => RunAsync(async sessions =>
    {
        var admin = await sessions.OpenAsync("admin", signedInAsAdministrator: true);
        var newClients = await (await new ChannelsPage(admin).GotoAsync()).OpenNewClientsAsync(SalesTelegram);
        await Expect(newClients.Algorithm(NewClientsPage.InTurn)).ToBeCheckedAsync();

        await newClients.ChooseAlgorithmAsync(NewClientsPage.FirstResponder);
        await newClients.DryRun.PreviewAsync();

        foreach (var client in await newClients.DryRun.WithChanges.GetByRole(AriaRole.Listitem).AllInnerTextsAsync())
        {
            Assert.StartsWith("Offered to ", client, StringComparison.Ordinal);
            Assert.EndsWith("changed", client.Trim(), StringComparison.Ordinal);
        }

        Assert.All(await newClients.DryRun.AsSaved.GetByRole(AriaRole.Listitem).AllInnerTextsAsync(),
            client => Assert.DoesNotContain("Offered to", client, StringComparison.Ordinal));
        await Expect(newClients.DryRun.Status).ToContainTextAsync("10 of the next 10 new clients would go elsewhere");

        await newClients.ChooseAlgorithmAsync(NewClientsPage.InTurn);
        await Expect(newClients.DryRun.Status).ToContainTextAsync("The settings changed since this preview");

        await admin.ReloadAsync();
        var reloaded = await new NewClientsPage(admin).WaitForAsync(SalesTelegram);
        await Expect(reloaded.Algorithm(NewClientsPage.InTurn)).ToBeCheckedAsync();
    });

    private static string NewClientId() => $"client_{Suffix()}";

    private static string Suffix() => Guid.NewGuid().ToString("N")[..10];
}
