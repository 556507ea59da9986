using Bunit;
using WazzupAdmin.Components.Pages.Settings.ApiKeys;
using WazzupAdmin.Services.Api;

namespace WazzupAdmin.Tests.Components.Settings.ApiKeys;

public sealed class ApiKeysPageTests : AdminPageTest
{
    [Fact]
    public async Task A_created_key_is_shown_once_and_the_list_keeps_only_its_prefix()
    {
        var page = RenderPage();

        InputLabelled(page.Nodes, "Name").Change("Demo CRM");
        Button(page.Nodes, "Create key").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")), Patience);
        var key = page.Find("[data-testid='new-api-key']").TextContent.Trim();
        Assert.StartsWith("wz_", key, StringComparison.Ordinal);
        Assert.Contains("it will not be shown again", page.Find("[data-testid='new-api-key-box']").TextContent, StringComparison.Ordinal);
        var row = page.Find("tbody tr");
        Assert.Equal("Demo CRM", row.Children[0].TextContent.Trim());
        Assert.Equal(key[..9] + "…", row.Children[1].TextContent.Trim());
        Assert.Contains("admin@wazzup.demo", row.Children[2].TextContent, StringComparison.Ordinal);
        Assert.Equal("Never", row.Children[3].TextContent.Trim());
        Assert.Contains("Active", row.Children[4].TextContent, StringComparison.Ordinal);
        Assert.NotNull(await Service<ApiKeyService>().AuthenticateAsync(key));

        // Another visit to the page (or hiding the box) never shows the whole key again.
        var again = RenderPage();
        again.WaitForAssertion(() => Assert.Single(again.FindAll("tbody tr")), Patience);
        Assert.Empty(again.FindAll("[data-testid='new-api-key']"));
        Assert.DoesNotContain(key, again.Markup, StringComparison.Ordinal);
        Button(page.Nodes, "Done, hide the key").Click();
        Assert.DoesNotContain(key, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_name_is_refused_next_to_the_field()
    {
        var page = RenderPage();

        Button(page.Nodes, "Create key").Click();

        page.WaitForAssertion(() => Assert.Contains(
            "Enter a name, such as the CRM that will use the key.", FieldLabelled(page.Nodes, "Name").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[data-testid='new-api-key']"));
        Assert.Contains("There are no API keys yet.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_asks_first_then_marks_the_key_revoked_and_it_stops_working()
    {
        var created = await Service<ApiKeyService>().CreateAsync("Old CRM");
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")), Patience);

        page.Find("button[aria-label='Revoke Old CRM']").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Revoke Old CRM?", Dialogs.Markup, StringComparison.Ordinal), Patience);
        Button(Dialogs.Nodes, "Revoke").Click();

        page.WaitForAssertion(() => Assert.Contains("Revoked", page.Find("tbody tr").Children[4].TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("button[aria-label='Revoke Old CRM']"));
        Assert.Null(await Service<ApiKeyService>().AuthenticateAsync(created.Created!.Key));
    }

    [Fact]
    public async Task Cancelling_the_question_keeps_the_key()
    {
        var created = await Service<ApiKeyService>().CreateAsync("Kept CRM");
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")), Patience);

        page.Find("button[aria-label='Revoke Kept CRM']").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Revoke Kept CRM?", Dialogs.Markup, StringComparison.Ordinal), Patience);
        Button(Dialogs.Nodes, "Cancel").Click();

        page.WaitForAssertion(() => Assert.Contains("Active", page.Find("tbody tr").Children[4].TextContent, StringComparison.Ordinal), Patience);
        Assert.NotNull(await Service<ApiKeyService>().AuthenticateAsync(created.Created!.Key));
    }

    [Fact]
    public void The_page_links_the_reference_and_shows_how_to_call_the_api()
    {
        var page = RenderPage();

        Assert.Equal("/api/reference", page.FindAll("a").Single(a => a.TextContent.Trim() == "API reference").GetAttribute("href"));
        Assert.Matches("""^curl -H "Authorization: Bearer <your key>" \S+/v3/channels$""", page.Find("[data-testid='api-example']").TextContent.Trim());
    }

    private IRenderedComponent<ApiKeysPage> RenderPage()
    {
        var page = Render<ApiKeysPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("table")), Patience);
        return page;
    }
}
