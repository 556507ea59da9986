using Bunit;
using WazzupAdmin.Components.Pages.Simulator;

namespace WazzupAdmin.Tests.Components.Simulator;

/// <summary>The new-client simulator, sending through the real incoming message use case.</summary>
public sealed class SimulatorPageTests : AdminPageTest
{
    [Fact]
    public void An_invalid_WhatsApp_number_shows_the_error_next_to_the_field_and_keeps_what_was_typed()
    {
        var page = RenderPage();
        SelectLabelled(page.Nodes, "Channel").Change(SalesWhatsApp.ToString());

        Type(page, "Client identifier", "612 34");
        Type(page, "Client name", "Olaf Berg");
        Type(page, "Message", "Do you deliver?");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains(
            "This is not a valid phone number for its country.",
            FieldLabelled(page.Nodes, "Client identifier").TextContent,
            StringComparison.Ordinal), Patience);
        Assert.Equal("612 34", InputLabelled(page.Nodes, "Client identifier").GetAttribute("value"));
        Assert.Equal("Olaf Berg", InputLabelled(page.Nodes, "Client name").GetAttribute("value"));
        Assert.Contains("Do you deliver?", InputLabelled(page.Nodes, "Message").OuterHtml, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid='simulation-outcome']"));
    }

    [Fact]
    public void A_new_client_on_a_first_responder_channel_is_offered_to_every_eligible_sales_rep()
    {
        var page = RenderPage();
        SelectLabelled(page.Nodes, "Channel").Change(SalesWhatsApp.ToString());

        Send(page, "+34 611 222 333", "Olaf Berg", "Do you deliver?");

        var outcome = Outcome(page);
        Assert.Contains("New client: Olaf Berg.", outcome, StringComparison.Ordinal);
        Assert.Contains("Offered to Boris Ivanov, Carmen López, Dmitri Sokolov, Hugo Martín", outcome, StringComparison.Ordinal);
        Assert.Equal("", InputLabelled(page.Nodes, "Client identifier").GetAttribute("value") ?? "");
    }

    [Fact]
    public void Known_clients_say_who_a_new_client_on_offer_is_offered_to_until_a_rep_replies()
    {
        var page = RenderPage();
        SelectLabelled(page.Nodes, "Channel").Change(SalesWhatsApp.ToString());

        Send(page, "+34 611 222 333", "Olaf Berg", "Do you deliver?");

        page.WaitForAssertion(() => Assert.Contains(KnownClients(page), r => r.Children[0].TextContent.Trim() == "Olaf Berg"), Patience);
        var olaf = KnownClients(page).Single(r => r.Children[0].TextContent.Trim() == "Olaf Berg");
        Assert.Equal("Offered to Boris Ivanov, Carmen López, Dmitri Sokolov, Hugo Martín", olaf.Children[2].TextContent.Trim());
        Assert.DoesNotContain("Unassigned", olaf.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void New_clients_on_an_in_turn_channel_are_assigned_one_sales_rep_after_another()
    {
        var page = RenderPage();
        SelectLabelled(page.Nodes, "Channel").Change(SalesTelegram.ToString());

        Send(page, "nina_berg", "Nina Berg", "Hello");
        Assert.Contains("Assigned to Boris Ivanov.", Outcome(page), StringComparison.Ordinal);

        Send(page, "olaf_berg", "Olaf Berg", "Hello");
        page.WaitForAssertion(() => Assert.Contains("Assigned to Carmen López.", Outcome(page), StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task With_nobody_eligible_the_simulator_warns_that_the_client_is_unassigned()
    {
        await NobodyReceivesNewClientsAsync(SalesTelegram);
        var page = RenderPage();
        SelectLabelled(page.Nodes, "Channel").Change(SalesTelegram.ToString());

        Send(page, "nina_berg", "Nina Berg", "Hello");

        var warning = page.Find("[data-testid='simulation-outcome'] .mud-alert-text-warning");
        Assert.Contains("Nobody was eligible: the client is unassigned", warning.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_again_lets_a_known_client_write_and_the_message_goes_to_their_responsible_user()
    {
        var page = RenderPage();
        SelectLabelled(page.Nodes, "Channel").Change(SalesWhatsApp.ToString());

        page.WaitForAssertion(() => Assert.Contains(KnownClients(page), r => r.Children[0].TextContent.Trim() == "Lucía Fernández"), Patience);
        var lucia = KnownClients(page).Single(r => r.Children[0].TextContent.Trim() == "Lucía Fernández");
        Assert.Equal("Boris Ivanov", lucia.Children[2].TextContent.Trim());
        lucia.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Write again").Click();
        Assert.Equal("34600111222", InputLabelled(page.Nodes, "Client identifier").GetAttribute("value"));

        Type(page, "Message", "Any news about the doors?");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Known client: Lucía Fernández.", Outcome(page), StringComparison.Ordinal), Patience);
        Assert.Contains("Goes to Boris Ivanov, the client's responsible user.", Outcome(page), StringComparison.Ordinal);
    }

    private IRenderedComponent<SimulatorPage> RenderPage()
    {
        var page = Render<SimulatorPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("form")), Patience);
        return page;
    }

    private static void Type(IRenderedComponent<SimulatorPage> page, string label, string value) =>
        InputLabelled(page.Nodes, label).Change(value);

    private static void Send(IRenderedComponent<SimulatorPage> page, string clientId, string name, string text)
    {
        Type(page, "Client identifier", clientId);
        Type(page, "Client name", name);
        Type(page, "Message", text);
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='simulation-outcome']")), Patience);
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> KnownClients(IRenderedComponent<SimulatorPage> page) =>
        page.FindAll(".known-clients tbody tr");

    private static string Outcome(IRenderedComponent<SimulatorPage> page) =>
        page.Find("[data-testid='simulation-outcome']").TextContent;
}
