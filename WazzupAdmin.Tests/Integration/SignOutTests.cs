using System.Net;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration;

/// <summary>Signing out takes the console's own form, with its antiforgery token; a bare post from another site does nothing.</summary>
public sealed class SignOutTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_sign_out_post_without_the_antiforgery_token_is_refused_and_the_user_stays_signed_in()
    {
        using var client = await app.SignInAsync("hugo@wazzup.demo", DemoWorkspace.UserPassword);

        using var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var page = await client.GetAsync("/chat");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_sign_out_button_signs_out()
    {
        using var client = await app.SignInAsync("hugo@wazzup.demo", DemoWorkspace.UserPassword);

        using var response = await PageForms.PostAsync(client, "/chat", "Account/Logout");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath);
        using var page = await client.GetAsync("/chat");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/Account/Login", new Uri(client.BaseAddress!, page.Headers.Location!).AbsolutePath);
    }
}
