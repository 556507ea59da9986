using Microsoft.Playwright;
using WazzupAdmin.Tests.EndToEnd.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd;

[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
public sealed class SignInTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    // Not the administrator: five failures lock an account for five minutes, and a console that outlives the run
    // must not lock out the account every other test signs in with.
    private const string Email = "elena@wazzup.demo";

    [Fact]
    public Task Wrong_password_shows_an_error_and_does_not_sign_in() => RunAsync(async page =>
    {
        var login = await new LoginPage(page).GotoAsync();

        await login.SubmitAsync(Email, "Not-the-password-1");

        await Expect(login.Error).ToContainTextAsync("Wrong email or password");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await Expect(LoginPage.SignOutButton(page)).ToHaveCountAsync(0);

        // The right password still works (and clears the failed attempt).
        await login.SignInAsync(Email, E2EFixture.UserPassword);
    });

    [Fact]
    public Task Non_administrator_who_opens_the_channel_settings_sees_access_denied() => RunAsync(async page =>
    {
        var login = await new LoginPage(page).GotoAsync();
        await login.SignInAsync("boris@wazzup.demo", E2EFixture.UserPassword);

        await page.GotoAsync(ChannelsPage.Path);

        await Expect(BlazorPage.Heading(page)).ToHaveTextAsync("Access denied");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Channels", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Access", Exact = true })).ToHaveCountAsync(0);
    });

    [Fact]
    public Task The_window_title_follows_the_page_from_sign_in_through_the_circuits_navigation() => RunAsync(async page =>
    {
        var login = await new LoginPage(page).GotoAsync();
        await Expect(page).ToHaveTitleAsync("Sign in · WazzupAdmin");

        await login.SignInAsync("boris@wazzup.demo", E2EFixture.UserPassword);
        await BlazorPage.WaitForInteractiveAsync(page);
        await Expect(page).ToHaveTitleAsync("Home · WazzupAdmin");

        // Navigation inside the circuit: no page load writes the head, the page sets the title itself.
        await page.Locator("nav a[href='chat']").ClickAsync();
        await Expect(page).ToHaveTitleAsync("Chat · WazzupAdmin");
        await page.GoBackAsync();
        await Expect(page).ToHaveTitleAsync("Home · WazzupAdmin");
        await page.GoForwardAsync();
        await Expect(page).ToHaveTitleAsync("Chat · WazzupAdmin");
    });
}
