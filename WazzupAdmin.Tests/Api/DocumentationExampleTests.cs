using System.Net;
using System.Text;
using System.Text.Json;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>
/// The request examples of the real product's API pages (channels, users, contacts, deals, chat window, unanswered
/// counter), sent as the pages show them with only the host changed, answer in the documented shapes.
/// </summary>
public sealed class DocumentationExampleTests : IAsyncLifetime
{
    private readonly AppFactory app = new();
    private HttpClient api = default!;

    public async Task InitializeAsync() => api = await ApiClient.CreateAsync(app);

    public async Task DisposeAsync()
    {
        api.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Getting_the_channel_list()
    {
        var channels = await api.GetJsonAsync("/v3/channels");

        Assert.Equal(JsonValueKind.Array, channels.ValueKind);
        foreach (var channel in channels.EnumerateArray())
        {
            Assert.Equal(["channelId", "transport", "plainId", "state"], channel.EnumerateObject().Select(p => p.Name));
            Assert.True(Guid.TryParse(channel.Str("channelId"), out _));
            Assert.Contains(channel.Str("transport"), new[] { "whatsapp", "wapi", "instagram", "tgapi", "telegram" });
        }
    }

    [Fact]
    public async Task Adding_users_then_contacts_then_a_deal_and_listing_them()
    {
        await PostRawAsync("/v3/users", """[{"id": "1", "name": "Ivan Ivanov", "phone": "79998887766"}]""");
        await PostRawAsync("/v3/contacts", """
            [{"id": "1", "responsibleUserId": "1", "name": "3301", "contactData": [{"chatType": "whatsapp", "chatId": "79865784457"}], "uri": "https://link-to-contact-in-crm.com"}]
            """);
        await PostRawAsync("/v3/deals", """
            [{"id": "1", "responsibleUserId": "1", "name": "Daily Deal Test", "closed": false, "contacts": ["1"], "uri": "https://link-to-deal-in-crm.com"}]
            """);

        var contacts = await api.GetJsonAsync("/v3/contacts?offset=0");
        Assert.Equal(["count", "data"], contacts.EnumerateObject().Select(p => p.Name));
        var contact = contacts.GetProperty("data").EnumerateArray().Single(c => c.Str("id") == "1");
        Assert.Equal(("1", "3301", "https://link-to-contact-in-crm.com"), (contact.Str("responsibleUserId"), contact.Str("name"), contact.Str("uri")));
        var chat = Assert.Single(contact.GetProperty("contactData").EnumerateArray());
        Assert.Equal(("whatsapp", "79865784457"), (chat.Str("chatType"), chat.Str("chatId")));

        var deals = await api.GetJsonAsync("/v3/deals?offset=0");
        Assert.Equal(["count", "data"], deals.EnumerateObject().Select(p => p.Name));
        var deal = deals.GetProperty("data").EnumerateArray().Single(d => d.Str("id") == "1");
        Assert.Equal(["1"], deal.GetProperty("contacts").EnumerateArray().Select(c => c.GetString()));
        Assert.False(deal.GetProperty("closed").GetBoolean());

        var users = await api.GetJsonAsync("/v3/users");
        Assert.Contains(users.EnumerateArray(), u => u.Str("id") == "1" && u.Str("phone") == "79998887766");
    }

    [Fact]
    public async Task Deleting_contacts_in_bulk_takes_an_array_of_ids()
    {
        await PostRawAsync("/v3/contacts", """
            [{"id": "gone-1", "responsibleUserId": "u-boris", "name": "Gone", "contactData": [{"chatType": "instagram", "chatId": "gone.one"}]}]
            """);

        using var response = await api.PatchAsync("/v3/contacts/bulk_delete", new StringContent("""["gone-1", "never-was"]""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(["never-was"], body.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, await api.StatusOfGetAsync("/v3/contacts/gone-1"));
    }

    [Fact]
    public async Task Opening_the_chat_window_for_a_card()
    {
        using var response = await api.PostAsync("/v3/iframe", new StringContent("""
            {
              "user": {"id": "u-anna", "name": "Anna Petrova"},
              "scope": "card",
              "filter": [{"chatType": "whatsapp", "chatId": "34600111222"}],
              "activeChat": {"chatType": "whatsapp", "chatId": "34600111222"}
            }
            """, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(["url"], body.EnumerateObject().Select(p => p.Name));
        Assert.True(Uri.TryCreate(body.Str("url"), UriKind.Absolute, out _));
    }

    [Fact]
    public async Task Getting_a_users_unanswered_counter()
    {
        var counter = await api.GetJsonAsync("/v3/unanswered/u-boris");

        Assert.Equal(["counterV2", "type", "lastMsgDateTime"], counter.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, counter.GetProperty("counterV2").ValueKind);
        Assert.Contains(counter.Str("type"), new[] { "red", "grey" });
    }

    private async Task PostRawAsync(string path, string json)
    {
        using var response = await api.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
