using System.Net;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration;

/// <summary>A return address is followed after sign-in only when it is a path of this site; anything else leads home.</summary>
public sealed class SignInReturnAddressTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string> ForeignAddresses =>
    [
        "/ https://evil.example/",
        "/\thttps://evil.example/",
        "/\nhttps://evil.example/",
        "/\r\nhttps://evil.example/",
        "///evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "https:/evil.example",
        "https://evil.example/",
        "/\u00a0https://evil.example/",
        "\u00a0/settings/audit",
        "/settings/\u00a0audit",
        "javascript:alert(1)",
    ];

    [Theory]
    [MemberData(nameof(ForeignAddresses))]
    public async Task A_return_address_that_is_not_a_local_path_signs_in_and_leads_home(string returnUrl)
    {
        using var client = app.CreateCookieClient();

        using var response = await AppFactory.SubmitLoginFormAsync(client, DemoWorkspace.AdminEmail, DemoWorkspace.AdminPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(client.BaseAddress!, response.Headers.Location!);
        Assert.Equal(client.BaseAddress!.Authority, location.Authority);
        Assert.Equal("/", location.AbsolutePath);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));

        using var home = await client.GetAsync("/settings/audit");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Theory]
    [InlineData("/settings/audit")]
    [InlineData("/chat/1?x=%20y")]
    [InlineData("/")]
    public async Task A_local_path_is_followed(string returnUrl)
    {
        using var client = app.CreateCookieClient();

        using var response = await AppFactory.SubmitLoginFormAsync(client, DemoWorkspace.AdminEmail, DemoWorkspace.AdminPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(returnUrl, new Uri(client.BaseAddress!, response.Headers.Location!).PathAndQuery);
    }
}
