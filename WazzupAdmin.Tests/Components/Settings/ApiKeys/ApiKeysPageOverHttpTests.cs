using System.Net;
using AngleSharp.Html.Parser;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Api;
using WazzupAdmin.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace WazzupAdmin.Tests.Components.Settings.ApiKeys;

/// <summary>The API keys page through the real pipeline: administrators only, and the keys' use cases check it themselves.</summary>
public sealed class ApiKeysPageOverHttpTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_administrator_opens_the_page_from_the_menu()
    {
        using var client = await app.SignInAsync(DemoWorkspace.AdminEmail, DemoWorkspace.AdminPassword);

        using var response = await client.GetAsync("/settings/api-keys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("API keys", Assert.Single(document.QuerySelectorAll("h1")).TextContent.Trim());
        Assert.Contains(document.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "settings/api-keys");
    }

    [Fact]
    public async Task A_sales_rep_is_denied_the_page_and_the_use_cases()
    {
        using var client = await app.SignInAsync("boris@wazzup.demo", DemoWorkspace.UserPassword);

        using var response = await client.GetAsync("/settings/api-keys");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var scope = await app.CreateScopeSignedInAsAsync("boris@wazzup.demo");
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => keys.ListAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => keys.CreateAsync("Sneaky"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => keys.RevokeAsync(1));
    }
}
