using System.Net;
using AngleSharp.Html.Parser;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration.DemoCrm;

/// <summary>The demo CRM's pages through the real pipeline: any signed-in account, and clearly the demo CRM.</summary>
public sealed class DemoCrmPagesOverHttpTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/demo-crm/deals/d-2001", "Lucía: interior doors")]
    [InlineData("/demo-crm/contacts/c-1001", "Lucía Fernández")]
    [InlineData("/demo-crm/deals/new?contactId=c-1001&userId=u-boris", "New deal")]
    public async Task A_signed_in_user_opens_the_demo_CRM_pages(string page, string heading)
    {
        using var client = await app.SignInAsync("boris@wazzup.demo", DemoWorkspace.UserPassword);

        using var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal(heading, Assert.Single(document.QuerySelectorAll("h1")).TextContent.Trim());
        Assert.Contains("Demo CRM", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deal_page_and_the_contacts_deals_name_the_funnel_and_stage_of_each_deal()
    {
        using var client = await app.SignInAsync("boris@wazzup.demo", DemoWorkspace.UserPassword);
        var parser = new HtmlParser();

        var deal = await parser.ParseDocumentAsync(await client.GetStringAsync("/demo-crm/deals/d-2001"));
        var facts = deal.QuerySelectorAll("dt").ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim());
        Assert.Equal("Sales / Proposal", facts["Funnel and stage"]);

        var contact = await parser.ParseDocumentAsync(await client.GetStringAsync("/demo-crm/contacts/c-1001"));
        var row = contact.QuerySelectorAll("tbody tr").Single(r => r.Children[0].TextContent.Trim() == "Lucía: interior doors");
        Assert.Equal("Sales / Proposal", row.Children[1].TextContent.Trim());
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_login_page()
    {
        using var client = app.CreateCookieClient();

        using var response = await client.GetAsync("/demo-crm/deals/d-2001");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath);
    }
}
