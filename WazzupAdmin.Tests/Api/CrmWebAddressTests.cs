using System.Net;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Api;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>Contacts' and deals' addresses are http or https: anything else is refused with the field named, nothing stored.</summary>
public sealed class CrmWebAddressTests : IAsyncLifetime
{
    private readonly AppFactory app = new();
    private HttpClient client = default!;

    public async Task InitializeAsync() => client = await ApiClient.CreateAsync(app);

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    public static TheoryData<string> NotWebAddresses =>
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "/relative/path",
        "crm.example/deal",
    ];

    [Theory]
    [MemberData(nameof(NotWebAddresses))]
    public async Task A_contact_whose_uri_is_not_http_or_https_is_refused(string uri)
    {
        using var response = await client.PostJsonAsync($"{ApiV3.Prefix}/contacts", new object[]
        {
            new { id = "c-ok", responsibleUserId = "u-carmen", name = "Fine", contactData = new[] { new { chatType = "whatsapp", chatId = "34611222331" } }, uri = "https://crm.example/c-ok" },
            new { id = "c-bad", responsibleUserId = "u-carmen", name = "Bad", contactData = new[] { new { chatType = "whatsapp", chatId = "34611222332" } }, uri },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_CONTACTS_DATA", await response.ErrorCodeAsync());
        var error = Assert.Single(await response.ErrorDataAsync());
        Assert.Equal("c-bad", error.Str("id"));
        Assert.Equal("Must be an absolute http or https address.", error.GetProperty("descriptions").Str("uri"));
        Assert.Equal(0, await app.InStoreAsync(db => db.Contacts.CountAsync(c => c.Id == "c-ok" || c.Id == "c-bad")));
    }

    [Theory]
    [MemberData(nameof(NotWebAddresses))]
    public async Task A_deal_whose_uri_is_not_http_or_https_is_refused(string uri)
    {
        using var response = await client.PostJsonAsync($"{ApiV3.Prefix}/deals", new object[]
        {
            new { id = "d-bad", responsibleUserId = "u-boris", name = "Bad", uri, contacts = new[] { "c-1001" }, closed = false },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_DEALS_DATA", await response.ErrorCodeAsync());
        Assert.Equal("Must be an absolute http or https address.", Assert.Single(await response.ErrorDataAsync()).GetProperty("descriptions").Str("uri"));
        Assert.Equal(0, await app.InStoreAsync(db => db.Deals.CountAsync(d => d.Id == "d-bad")));
    }

    [Theory]
    [InlineData("https://crm.example/deals/1")]
    [InlineData("http://crm.example:8080/deals/1?x=y")]
    public async Task Http_and_https_addresses_are_stored(string uri)
    {
        using var response = await client.PostJsonAsync($"{ApiV3.Prefix}/deals", new object[]
        {
            new { id = "d-good", responsibleUserId = "u-boris", name = "Good", uri, contacts = new[] { "c-1001" }, closed = false },
        });

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(uri, await app.InStoreAsync(db => db.Deals.Where(d => d.Id == "d-good").Select(d => d.Uri).SingleAsync()));
    }
}
