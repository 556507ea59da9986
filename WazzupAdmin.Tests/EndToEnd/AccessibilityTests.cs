using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Tests.EndToEnd.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd;

/// <summary>An axe-core scan of every settings page and the sign-in page finds nothing serious or critical.</summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
public sealed class AccessibilityTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private static readonly string SalesWhatsAppId = DemoWorkspace.Channels.Single(c => c.Name == "Sales WhatsApp").Id.ToString();
    private static readonly Guid SalesTelegramId = DemoWorkspace.Channels.Single(c => c.Name == "Sales Telegram").Id;

    public static TheoryData<string, string> SettingsPages => new()
    {
        { "settings/channels", "Channels" },
        { $"settings/channels/{SalesWhatsAppId}/access", "Access: Sales WhatsApp" },
        { $"settings/channels/{SalesWhatsAppId}/new-clients", "New clients: Sales WhatsApp" },
        { "settings/crm", "CRM data" },
        { "settings/audit", "Audit log" },
        { "settings/accounts", "Accounts" },
        { $"settings/channels/{SalesWhatsAppId}/distribution", "Distribution: Sales WhatsApp" },
        { "settings/unassigned", "Unassigned clients" },
        { "simulator", "New-client simulator" },
        { "settings/api-keys", "API keys" },
    };

    [Theory]
    [MemberData(nameof(SettingsPages))]
    public Task Settings_page_has_no_serious_accessibility_violation(string path, string heading) => RunAsAdministratorAsync(async page =>
    {
        await BlazorPage.GotoAsync(page, path);
        await Expect(BlazorPage.Heading(page)).ToHaveTextAsync(heading);
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Loading" })).ToHaveCountAsync(0);

        await AssertNoSeriousViolationsAsync(page, path);
    }, $"{nameof(Settings_page_has_no_serious_accessibility_violation)}({path.Replace('/', '_')})");

    [Theory]
    [InlineData("new-clients", "New clients: Sales WhatsApp")]
    [InlineData("access", "Access: Sales WhatsApp")]
    public Task Dry_run_of_unsaved_settings_has_no_serious_accessibility_violation(string page, string heading) => RunAsAdministratorAsync(async browser =>
    {
        var path = $"settings/channels/{SalesWhatsAppId}/{page}";
        await BlazorPage.GotoAsync(browser, path);
        await Expect(BlazorPage.Heading(browser)).ToHaveTextAsync(heading);
        await BlazorPage.WaitForInteractiveAsync(browser);

        await new DryRunPanel(browser).PreviewAsync();

        await AssertNoSeriousViolationsAsync(browser, $"{path} (dry run shown)");
    }, $"{nameof(Dry_run_of_unsaved_settings_has_no_serious_accessibility_violation)}({page})");

    [Fact]
    public Task Add_channel_form_has_no_serious_accessibility_violation() => RunAsAdministratorAsync(async page =>
    {
        await new ChannelsPage(page).GotoAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add channel", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Identifier", new() { Exact = true })).ToBeVisibleAsync();

        await AssertNoSeriousViolationsAsync(page, "settings/channels (add channel form)");
    });

    [Fact]
    public Task Routing_numbers_page_with_its_chart_and_table_has_no_serious_accessibility_violation() => RunAsAdministratorAsync(async page =>
    {
        // A new client gives the page a row to chart and tabulate, whatever the tests before left.
        var simulator = await new SimulatorPage(page).GotoAsync();
        await simulator.SendNewClientAsync("Sales Telegram", $"client_{Guid.NewGuid():N}"[..17], "Axel Brandt", "Hello");
        var stats = await new RoutingStatsPage(page).GotoAsync(SalesTelegramId, "Routing numbers: Sales Telegram");
        await Expect(stats.Chart.Locator("svg")).ToBeVisibleAsync();
        await Expect(stats.Table).ToBeVisibleAsync();

        await AssertNoSeriousViolationsAsync(page, RoutingStatsPage.PathOf(SalesTelegramId));
    });

    [Fact]
    public Task Chat_window_has_no_serious_accessibility_violation() => RunAsync(async page =>
    {
        var chat = await ChatPage.SignInAsync(page, "boris@wazzup.demo");
        await chat.OpenAsync("Lucía Fernández");
        await AssertNoSeriousViolationsAsync(page, "chat (conversation open)");

        await chat.OpenDealsAsync();
        await AssertNoSeriousViolationsAsync(page, "chat (deals menu open)");
    });

    [Fact]
    public Task Sign_in_page_has_no_serious_accessibility_violation() => RunAsync(async page =>
    {
        await new LoginPage(page).GotoAsync();

        await AssertNoSeriousViolationsAsync(page, "Account/Login");
    });

    private async Task AssertNoSeriousViolationsAsync(IPage page, string path)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var violation in result.Violations)
        {
            Output.WriteLine($"{violation.Impact}: {violation.Id} - {violation.Help}");
            foreach (var node in violation.Nodes.Take(3))
            {
                Output.WriteLine($"    {node.Target}");
            }
        }

        Assert.True(serious.Count == 0, $"{path}: {serious.Count} serious or critical accessibility violation(s):{Environment.NewLine}" +
            string.Join(Environment.NewLine, serious.Select(v =>
                $"- {v.Id} ({v.Impact}): {v.Help}{Environment.NewLine}" +
                string.Join(Environment.NewLine, v.Nodes.Take(3).Select(n => $"    at {n.Target}")))));
    }
}
