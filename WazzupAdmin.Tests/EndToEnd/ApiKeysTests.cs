using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using WazzupAdmin.Tests.EndToEnd.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd;

/// <summary>An administrator gives a CRM a key: it is shown once, works against the API, and stops working when revoked.</summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
public sealed class ApiKeysTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public Task An_administrator_creates_a_key_sees_it_once_uses_it_and_revokes_it() => RunAsAdministratorAsync(async page =>
    {
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = Fixture.BaseUrl.GetLeftPart(UriPartial.Authority) });
        await BlazorPage.GotoAsync(page, "settings/api-keys");
        await Expect(BlazorPage.Heading(page)).ToHaveTextAsync("API keys");
        var name = $"E2E CRM {Guid.NewGuid():N}"[..16];

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key", Exact = true }).ClickAsync();

        var shown = page.GetByTestId("new-api-key");
        await Expect(shown).ToBeVisibleAsync();
        await Expect(page.GetByTestId("new-api-key-box")).ToContainTextAsync("it will not be shown again");
        var key = (await shown.TextContentAsync())!.Trim();
        Assert.StartsWith("wz_", key, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Copied to the clipboard.")).ToBeVisibleAsync();
        Assert.Equal(key, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        await page.ReloadAsync();
        await BlazorPage.WaitForInteractiveAsync(page);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync(key[..9] + "…");
        await Expect(row).ToContainTextAsync("Active");
        await Expect(page.GetByTestId("new-api-key")).ToHaveCountAsync(0);
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);

        using var crm = new HttpClient { BaseAddress = Fixture.BaseUrl };
        crm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using (var channels = await crm.GetAsync("v3/channels"))
        {
            Assert.Equal(HttpStatusCode.OK, channels.StatusCode);
        }

        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"Revoke {name}?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();

        await Expect(row).ToContainTextAsync("Revoked");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" })).ToHaveCountAsync(0);
        using var refused = await crm.GetAsync("v3/channels");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    });

    [Fact]
    public Task The_api_reference_renders_the_operations() => RunAsync(async page =>
    {
        await page.GotoAsync("api/reference");

        await Expect(page.Locator(".info .title")).ToContainTextAsync("WazzupAdmin API");
        await Expect(page.Locator(".opblock-summary-path").Filter(new() { HasText = "/v3/channels" })).ToBeVisibleAsync();
        await Expect(page.Locator(".opblock-summary-path").Filter(new() { HasText = "/v3/iframe" })).ToBeVisibleAsync();
        await Expect(page.Locator(".opblock-summary-path[data-path='/v3/simulator/messages']")).ToBeVisibleAsync();
        await Expect(page.Locator(".opblock-summary-path[data-path='/v3/message']")).ToBeVisibleAsync();
    });
}
