using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Tests.EndToEnd.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd;

[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
public sealed partial class SecurityTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private static readonly string SalesWhatsApp = DemoWorkspace.Channels[0].Id.ToString();

    // Recorded before any of the page's own scripts run; the listener itself is not subject to the page's policy.
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.documentURI));
        """;

    private static readonly string[] InteractivePages =
    [
        "",
        "chat",
        "settings/channels",
        $"settings/channels/{SalesWhatsApp}/access",
        $"settings/channels/{SalesWhatsApp}/new-clients",
        $"settings/channels/{SalesWhatsApp}/distribution",
        "settings/crm",
        "settings/accounts",
        "settings/audit",
        "settings/api-keys",
        "settings/webhooks",
        "settings/unassigned",
        "simulator",
        "demo-crm/contacts/c-1001",
        "demo-crm/deals/d-2001",
        "demo-crm/deals/new?contactId=c-1001&userId=u-boris",
    ];

    [Fact]
    public Task The_main_pages_work_under_the_content_security_policy_without_a_violation() => RunAsync(async page =>
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        await page.AddInitScriptAsync(RecordViolations);

        var login = await new LoginPage(page).GotoAsync();
        await CollectAsync(page, violations);
        await login.SignInAsync(E2EFixture.AdminEmail, E2EFixture.AdminPassword);
        foreach (var path in InteractivePages)
        {
            await BlazorPage.GotoAsync(page, path);
            await Expect(BlazorPage.Heading(page)).ToBeVisibleAsync();
            await CollectAsync(page, violations);
        }

        // The language picker is a form post in an interactive page too.
        await BlazorPage.GotoAsync(page, "settings/channels");
        await page.GetByRole(AriaRole.Button, new() { Name = "Español", Exact = true }).ClickAsync();
        await Expect(BlazorPage.Heading(page)).ToHaveTextAsync("Canales");
        await BlazorPage.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
        await Expect(BlazorPage.Heading(page)).ToHaveTextAsync("Channels");
        await CollectAsync(page, violations);

        await page.GotoAsync("api/reference/index.html");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await CollectAsync(page, violations);
        Assert.True(violations.Count == 0, "Content Security Policy violations:\n" + string.Join("\n", violations));
        await Expect(page.Locator(".opblock").First).ToBeVisibleAsync();
        await CollectAsync(page, violations);

        Assert.True(violations.Count == 0, "Content Security Policy violations:\n" + string.Join("\n", violations));
    });

    [Fact]
    public Task Signing_out_in_another_browser_ends_the_open_chat_window_which_says_so() => RunAsync(async sessions =>
    {
        var window = await sessions.OpenAsync("open window");
        await new LoginPage(window).GotoAsync();
        await new LoginPage(window).SignInAsync("dmitri@wazzup.demo", E2EFixture.UserPassword);
        await BlazorPage.GotoAsync(window, "chat");

        var other = await sessions.OpenAsync("other browser");
        await new LoginPage(other).GotoAsync();
        await new LoginPage(other).SignInAsync("dmitri@wazzup.demo", E2EFixture.UserPassword);
        await LoginPage.SignOutAsync(other);

        await Expect(window).ToHaveURLAsync(LoginAddress());
        await Expect(window.GetByRole(AriaRole.Status)).ToContainTextAsync("Your session has ended");
        await window.GotoAsync("chat");
        await Expect(window).ToHaveURLAsync(LoginAddress());
    });

    private static async Task CollectAsync(IPage page, List<string> violations)
    {
        var recorded = await page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
        lock (violations)
        {
            violations.AddRange(recorded);
        }
    }

    [GeneratedRegex("/Account/Login", RegexOptions.IgnoreCase)]
    private static partial Regex LoginAddress();
}
