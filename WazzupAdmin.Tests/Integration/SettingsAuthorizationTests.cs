using System.Net;
using AngleSharp.Html.Parser;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration;

/// <summary>Who reaches the settings pages, through the real pipeline: cookies, authorization, status pages.</summary>
public sealed class SettingsAuthorizationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string SalesWhatsApp = DemoWorkspace.Channels[0].Id.ToString();

    public static TheoryData<string> SettingsPages =>
    [
        "/settings/channels",
        "/settings/crm",
        "/settings/accounts",
        "/settings/audit",
        $"/settings/channels/{SalesWhatsApp}/access",
        $"/settings/channels/{SalesWhatsApp}/new-clients",
        $"/settings/channels/{SalesWhatsApp}/distribution",
        "/settings/unassigned",
        "/simulator",
    ];

    [Theory]
    [MemberData(nameof(SettingsPages))]
    public async Task Anonymous_visitor_is_sent_to_the_login_page_with_a_return_address(string page)
    {
        using var client = app.CreateCookieClient();

        using var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(client.BaseAddress!, response.Headers.Location!);
        Assert.Equal("/Account/Login", location.AbsolutePath);
        Assert.Equal(page, System.Web.HttpUtility.ParseQueryString(location.Query)["ReturnUrl"]);
    }

    [Theory]
    [MemberData(nameof(SettingsPages))]
    public async Task Signed_in_user_without_the_administrator_role_is_denied(string page)
    {
        using var client = await app.SignInAsync("boris@wazzup.demo", DemoWorkspace.UserPassword);

        using var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var text = await PageTextAsync(response);
        Assert.Contains("Access denied", text);
        Assert.Contains("does not have the Administrator role", text);
    }

    [Theory]
    [MemberData(nameof(SettingsPages))]
    public async Task Administrator_opens_every_settings_page(string page)
    {
        using var client = await app.SignInAsync(DemoWorkspace.AdminEmail, DemoWorkspace.AdminPassword);

        using var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.DoesNotContain("Access denied", document.Body!.TextContent);
    }

    [Fact]
    public async Task Signing_in_returns_to_the_page_that_asked_for_it()
    {
        using var client = app.CreateCookieClient();

        using var response = await AppFactory.SubmitLoginFormAsync(client, DemoWorkspace.AdminEmail, DemoWorkspace.AdminPassword, "/settings/audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/settings/audit", new Uri(client.BaseAddress!, response.Headers.Location!).PathAndQuery);
    }

    [Fact]
    public async Task Wrong_password_keeps_the_visitor_on_the_login_page_with_a_message()
    {
        using var client = app.CreateCookieClient();

        using var response = await AppFactory.SubmitLoginFormAsync(client, "carmen@wazzup.demo", "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong email or password", await PageTextAsync(response));
    }

    [Fact]
    public async Task Signing_in_does_not_accept_a_return_address_on_another_site()
    {
        using var client = app.CreateCookieClient();

        using var response = await AppFactory.SubmitLoginFormAsync(client, DemoWorkspace.AdminEmail, DemoWorkspace.AdminPassword, "https://evil.example/phish");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(client.BaseAddress!, response.Headers.Location!);
        Assert.Equal(client.BaseAddress!.Host, location.Host);
    }

    internal static async Task<string> PageTextAsync(HttpResponseMessage response)
    {
        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        return document.Body?.TextContent ?? "";
    }
}
