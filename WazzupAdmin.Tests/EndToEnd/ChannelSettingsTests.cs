using WazzupAdmin.Tests.EndToEnd.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd;

[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
public sealed class ChannelSettingsTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private const string Channel = "Sales WhatsApp";

    [Fact]
    public Task Administrator_sets_roles_and_new_client_settings_and_finds_them_after_signing_in_again() => RunAsync(async page =>
    {
        var login = await new LoginPage(page).GotoAsync();
        await login.SignInAsync(E2EFixture.AdminEmail, E2EFixture.AdminPassword);

        var access = await (await new ChannelsPage(page).GotoAsync()).OpenAccessAsync(Channel);
        // A console that outlives the run may hold an earlier run's choice already: pick the other one, so that
        // every run really changes something and proves it was stored.
        var faridRole = await access.RoleTextOfAsync("Farid Khan") == "Manager" ? "Quality control" : "Manager";
        await access.SetRoleAsync("Farid Khan", faridRole);
        await access.SetRoleAsync("Greta Hansen", "Sales rep");
        await access.SetReceivesNewClientsAsync("Greta Hansen", true);
        await access.SaveAsync();

        var newClients = await (await new ChannelsPage(page).GotoAsync()).OpenNewClientsAsync(Channel);
        var (funnel, stage, algorithm) = await newClients.FunnelTextAsync() == "Partners"
            ? ("Sales", "Qualified", NewClientsPage.FirstResponder)
            : ("Partners", "Meeting", NewClientsPage.InTurn);
        await newClients.ChooseFunnelAsync(funnel);
        await newClients.ChooseStageAsync(stage);
        await newClients.ChooseAlgorithmAsync(algorithm);
        await newClients.SaveAsync();

        login = await LoginPage.SignOutAsync(page);
        await login.SignInAsync(E2EFixture.AdminEmail, E2EFixture.AdminPassword);

        var channels = await new ChannelsPage(page).GotoAsync();
        var accessPath = await channels.AccessPathAsync(Channel);
        var newClientsPath = await channels.NewClientsPathAsync(Channel);

        access = await new AccessPage(page).GotoAsync(accessPath, Channel);
        await Expect(access.ChosenRoleOf("Farid Khan")).ToHaveTextAsync(faridRole);
        await Expect(access.ChosenRoleOf("Greta Hansen")).ToHaveTextAsync("Sales rep");
        await Expect(access.ReceivesNewClients("Greta Hansen")).ToBeCheckedAsync();

        newClients = await new NewClientsPage(page).GotoAsync(newClientsPath, Channel);
        await Expect(newClients.ChosenFunnel).ToHaveTextAsync(funnel);
        await Expect(newClients.ChosenStage).ToHaveTextAsync(stage);
        await Expect(newClients.Algorithm(algorithm)).ToBeCheckedAsync();
        // Greta now receives new clients on this channel, so she takes part in the distribution.
        await Expect(newClients.EligibleReps).ToContainTextAsync("Greta Hansen");
    });
}
