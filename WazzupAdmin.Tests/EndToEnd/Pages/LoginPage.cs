using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd.Pages;

/// <summary>The sign-in page: a static form (it writes the cookie), so it needs no circuit.</summary>
public sealed class LoginPage(IPage page)
{
    public ILocator Email => page.GetByLabel("Email", new() { Exact = true });

    public ILocator Password => page.GetByLabel("Password", new() { Exact = true });

    public ILocator SignInButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });

    public ILocator Error => page.GetByRole(AriaRole.Alert);

    public async Task<LoginPage> GotoAsync()
    {
        await page.GotoAsync("Account/Login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        return this;
    }

    /// <summary>Fills in the form and submits it, whatever the outcome.</summary>
    public async Task SubmitAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await SignInButton.ClickAsync();
    }

    /// <summary>Signs in and waits until the console shows the signed-in user's "Sign out" button.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await SubmitAsync(email, password);
        await Expect(SignOutButton(page)).ToBeVisibleAsync();
    }

    public static ILocator SignOutButton(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true });

    /// <summary>Signs out with the app bar's button and waits for the sign-in page.</summary>
    public static async Task<LoginPage> SignOutAsync(IPage page)
    {
        await SignOutButton(page).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        return new LoginPage(page);
    }
}
