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

        using var response = await ChooseAsync(client, "es", "/Account/Login?ReturnUrl=%2Fsettings");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login?ReturnUrl=%2Fsettings", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.Contains("c%3Des%7Cuic%3Des", cookie);

        using var page = await client.GetAsync("/Account/Login");
        var document = await new HtmlParser().ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        Assert.Equal("es", document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_picker_returns_to_the_page_it_was_on()
    {
        using var client = app.CreateCookieClient();

        using var response = await PageForms.PostAsync(client, "/Account/Login?ReturnUrl=%2Fsettings", "culture/set", new KeyValuePair<string, string>("culture", "es"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login?ReturnUrl=%2Fsettings", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_link_cannot_change_the_culture()
    {
        using var client = app.CreateCookieClient();

        using var response = await client.GetAsync("/culture/set?culture=es&redirectUri=%2F");

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(SetsCultureCookie(response));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var client = app.CreateCookieClient();
        using var content = new FormUrlEncodedContent([new("culture", "es"), new("redirectUri", "/")]);

        using var response = await client.PostAsync("/culture/set", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(SetsCultureCookie(response));
    }

    [Fact]
    public async Task An_unsupported_culture_sets_no_cookie()
    {
        using var client = app.CreateCookieClient();

        using var response = await ChooseAsync(client, "fr", "/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(SetsCultureCookie(response));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\r\nSet-Cookie: x=1")]
    [InlineData("/ https://evil.example/")]
    [InlineData("")]
    public async Task The_culture_endpoint_redirects_only_to_local_paths(string redirectUri)
    {
        using var client = app.CreateCookieClient();

        using var response = await ChooseAsync(client, "es", redirectUri);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    /// <summary>The picker's form on the login page, posted with its token and the given return address.</summary>
    private static Task<HttpResponseMessage> ChooseAsync(HttpClient client, string culture, string redirectUri) =>
        PageForms.PostAsync(client, "/Account/Login", "culture/set", new("culture", culture), new("redirectUri", redirectUri));

    private static bool SetsCultureCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
}
