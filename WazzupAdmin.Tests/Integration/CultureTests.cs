using System.Net;
using AngleSharp.Html.Parser;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration;

public sealed class CultureTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Choosing_Spanish_sets_the_culture_cookie_and_returns_to_the_page()
    {
        using var client = app.CreateCookieClient();

        using var response = await client.GetAsync("/culture/set?culture=es&redirectUri=%2FAccount%2FLogin%3FReturnUrl%3D%252Fsettings");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login?ReturnUrl=%2Fsettings", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.Contains("c%3Des%7Cuic%3Des", cookie);

        using var page = await client.GetAsync("/Account/Login");
        var document = await new HtmlParser().ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        Assert.Equal("es", document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task An_unsupported_culture_sets_no_cookie()
    {
        using var client = app.CreateCookieClient();

        using var response = await client.GetAsync("/culture/set?culture=fr&redirectUri=%2F");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\r\nSet-Cookie: x=1")]
    [InlineData("")]
    public async Task The_culture_endpoint_redirects_only_to_local_paths(string redirectUri)
    {
        using var client = app.CreateCookieClient();

        using var response = await client.GetAsync($"/culture/set?culture=es&redirectUri={Uri.EscapeDataString(redirectUri)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}
