using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd.Pages;

/// <summary>/chat and /chat/{id}: the signed-in sales rep's conversations on the left, the open one on the right.</summary>
public sealed class ChatPage(IPage page)
{
    public const string NotAvailable = "This conversation is not available to you.";
    public static string TakenBy(string rep) => $"This client was taken by {rep}.";

    public IPage Page => page;

    public ILocator Heading => BlazorPage.Heading(page);

    public ILocator ConversationList => page.GetByRole(AriaRole.Navigation, new() { Name = "Conversations", Exact = true });

    /// <summary>The list entry of a client: a link whose text holds the client's name, preview, channel and marks.</summary>
    public ILocator ConversationOf(string clientName) =>
        ConversationList.GetByRole(AriaRole.Link).Filter(new() { HasText = clientName });

    /// <summary>The open conversation's section, headed by the client's name.</summary>
    public ILocator Pane => page.Locator("section.conversation-pane");

    public ILocator PaneHeading => page.GetByRole(AriaRole.Heading, new() { Level = 2 }).And(page.Locator("#conversation-heading"));

    public ILocator History => page.GetByRole(AriaRole.Log, new() { Name = "Conversation history", Exact = true });

    public ILocator Composer => page.GetByLabel("Message", new() { Exact = true });

    /// <summary>A message of the open conversation, by its text.</summary>
    public ILocator MessageWith(string text) => History.Locator("li").Filter(new() { HasText = text });

    /// <summary>The status marks of an outgoing message, named as a screen reader reads them (Sent, Delivered, Read).</summary>
    public ILocator StatusMarks(string text, string status) =>
        MessageWith(text).GetByRole(AriaRole.Img, new() { Name = status, Exact = true });

    public ILocator SendButton => page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true });

    public ILocator WriteBlocked => page.GetByTestId("write-blocked");

    public ILocator Problem => Pane.GetByRole(AriaRole.Alert);

    public ILocator DealsButton => page.GetByRole(AriaRole.Button, new() { Name = "Deals", Exact = true });

    /// <summary>The deal entries of the open Deals menu, each carrying its CRM deal id.</summary>
    public ILocator DealLinks => page.Locator("a[data-deal-id]");

    public ILocator CreateDealLink => page.Locator("a[data-testid='create-deal']");

    /// <summary>The open Deals menu's link to the contact's own page in the CRM.</summary>
    public ILocator ContactPageLink => page.GetByRole(AriaRole.Menuitem, new() { Name = "Contact's page in the CRM" });

    /// <summary>Signs <paramref name="email"/> in with the demo users' password and opens the chat window.</summary>
    public static async Task<ChatPage> SignInAsync(IPage page, string email)
    {
        await (await new LoginPage(page).GotoAsync()).SignInAsync(email, E2EFixture.UserPassword);
        return await new ChatPage(page).GotoAsync();
    }

    public async Task<ChatPage> GotoAsync(string path = "chat")
    {
        await BlazorPage.GotoAsync(page, path);
        await Expect(Heading).ToHaveTextAsync("Chat");
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Loading" })).ToHaveCountAsync(0);
        return this;
    }

    /// <summary>Opens a client's conversation from the list and waits until its history is shown.</summary>
    public async Task OpenAsync(string clientName)
    {
        await ConversationOf(clientName).ClickAsync();
        await Expect(PaneHeading).ToHaveTextAsync(clientName);
        await Expect(History).ToBeVisibleAsync();
    }

    /// <summary>The id in a list entry's address (chat/{id}).</summary>
    public async Task<long> ConversationIdOfAsync(string clientName)
    {
        var id = await ConversationOf(clientName).GetAttributeAsync("data-conversation-id");
        return long.Parse(id ?? throw new InvalidOperationException($"No conversation id on the entry of {clientName}."), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task WriteAsync(string text)
    {
        await Composer.FillAsync(text);
        await Expect(Composer).ToHaveValueAsync(text);
    }

    public async Task SendAsync(string text)
    {
        await WriteAsync(text);
        await SendButton.ClickAsync();
        await Expect(History).ToContainTextAsync(text);
        await Expect(Composer).ToHaveValueAsync("");
    }

    public async Task OpenDealsAsync()
    {
        await DealsButton.ClickAsync();
        await Expect(CreateDealLink).ToBeVisibleAsync();
    }

    /// <summary>Closes the open Deals menu as a person does, by clicking beside it.</summary>
    public async Task CloseDealsAsync()
    {
        await page.Keyboard.PressAsync("Escape");
        if (await CreateDealLink.IsVisibleAsync())
        {
            await page.Mouse.ClickAsync(5, 5);
        }

        await Expect(CreateDealLink).ToBeHiddenAsync();
    }
}
