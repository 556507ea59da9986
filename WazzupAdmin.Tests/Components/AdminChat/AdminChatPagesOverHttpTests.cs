using System.Net;
using AngleSharp.Html.Parser;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Components.AdminChat;

/// <summary>The simulator, unassigned clients and distribution pages through the real pipeline: administrators only.</summary>
public sealed class AdminChatPagesOverHttpTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string, string> Pages => new()
    {
        { "/simulator", "New-client simulator" },
        { "/settings/unassigned", "Unassigned clients" },
        { $"/settings/channels/{DemoWorkspace.Channels[1].Id}/distribution", "Distribution: Sales Telegram" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Administrator_opens_the_page_with_its_heading(string page, string heading)
    {
        using var client = await app.SignInAsync(DemoWorkspace.AdminEmail, DemoWorkspace.AdminPassword);

        using var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal(heading, Assert.Single(document.QuerySelectorAll("h1")).TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_sales_rep_is_denied(string page, string heading)
    {
        using var client = await app.SignInAsync("boris@wazzup.demo", DemoWorkspace.UserPassword);

        using var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(heading, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
