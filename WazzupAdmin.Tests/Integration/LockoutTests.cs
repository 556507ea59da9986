using System.Net;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration;

public sealed class LockoutTests : IAsyncLifetime
{
    private const string Email = "greta@wazzup.demo";
    private readonly AppFactory app = new();

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_password()
    {
        using var client = app.CreateCookieClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await AppFactory.SubmitLoginFormAsync(client, Email, $"wrong-password-{attempt}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Wrong email or password", await SettingsAuthorizationTests.PageTextAsync(wrong));
        }

        using var fifth = await AppFactory.SubmitLoginFormAsync(client, Email, "wrong-password-5");
        Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
        Assert.Equal("/Account/Lockout", new Uri(client.BaseAddress!, fifth.Headers.Location!).AbsolutePath);

        using var right = await AppFactory.SubmitLoginFormAsync(client, Email, DemoWorkspace.UserPassword);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/Account/Lockout", new Uri(client.BaseAddress!, right.Headers.Location!).AbsolutePath);
        Assert.DoesNotContain(right.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));

        using var lockoutPage = await client.GetAsync("/Account/Lockout");
        Assert.Contains("Too many failed sign-in attempts", await SettingsAuthorizationTests.PageTextAsync(lockoutPage));
    }

    [Fact]
    public async Task Locking_one_account_leaves_the_others_alone()
    {
        using var client = app.CreateCookieClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await AppFactory.SubmitLoginFormAsync(client, Email, "wrong-password");
        }

        using var other = await app.SignInAsync("hugo@wazzup.demo", DemoWorkspace.UserPassword);
        using var response = await other.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();
}
