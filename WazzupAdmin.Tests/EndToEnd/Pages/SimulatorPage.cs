using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd.Pages;

/// <summary>/simulator: an administrator plays a client writing to a channel.</summary>
public sealed partial class SimulatorPage(IPage page)
{
    public ILocator Heading => BlazorPage.Heading(page);

    public ILocator Channel => page.GetByLabel("Channel", new() { Exact = true });

    public ILocator ClientIdentifier => page.GetByLabel("Client identifier", new() { Exact = true });

    public ILocator ClientName => page.GetByLabel("Client name", new() { Exact = true });

    public ILocator Message => page.GetByLabel("Message", new() { Exact = true });

    public ILocator SendButton => page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true });

    /// <summary>What became of the last message: "New client: … Assigned to …" and the like.</summary>
    public ILocator Outcome => page.GetByTestId("simulation-outcome");

    public async Task<SimulatorPage> GotoAsync()
    {
        await BlazorPage.GotoAsync(page, "simulator");
        await Expect(Heading).ToHaveTextAsync("New-client simulator");
        await Expect(SendButton).ToBeVisibleAsync();
        return this;
    }

    public async Task ChooseChannelAsync(string channelName)
    {
        await Channel.SelectOptionAsync(new SelectOptionValue { Label = channelName });
        await Expect(Channel.Locator("option:checked")).ToHaveTextAsync(channelName);
    }

    /// <summary>Sends a new client's first message and returns the outcome's text once it names that client.</summary>
    public async Task<string> SendNewClientAsync(string channelName, string clientId, string clientName, string text)
    {
        await ChooseChannelAsync(channelName);
        await ClientIdentifier.FillAsync(clientId);
        await ClientName.FillAsync(clientName);
        await Message.FillAsync(text);
        await Expect(Message).ToHaveValueAsync(text);
        await SendButton.ClickAsync();
        await Expect(Outcome).ToContainTextAsync($"New client: {clientName}.");
        return (await Outcome.TextContentAsync() ?? "").Trim();
    }

    /// <returns>The rep's name in "Assigned to {name}.", or null when the client was not assigned to one rep.</returns>
    public static string? AssignedTo(string outcome) => AssignedPattern().Match(outcome) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"Assigned to (.+?)\.")]
    private static partial Regex AssignedPattern();
}
