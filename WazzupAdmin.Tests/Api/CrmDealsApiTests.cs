using System.Net;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>The CRM pushes its deals: upserts by id with their contacts, lists, deletion.</summary>
public sealed class CrmDealsApiTests : IAsyncLifetime
{
    private readonly AppFactory app = new();
    private HttpClient client = default!;

    public async Task InitializeAsync() => client = await ApiClient.CreateAsync(app);

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    private static object Deal(string id, string name, string responsible = "u-boris", string[]? contacts = null, bool closed = false) =>
        new { id, responsibleUserId = responsible, name, uri = $"https://crm.example/deals/{id}", contacts = contacts ?? ["c-1001"], closed };

    [Fact]
    public async Task An_upsert_creates_then_updates_and_sending_it_twice_leaves_the_same_state()
    {
        await client.PostOkAsync("/v3/deals", new[] { Deal("d-new", "New deal", contacts: ["c-1001", "c-1002"]) });
        var created = await client.GetJsonAsync("/v3/deals/d-new");
        Assert.Equal("New deal", created.Str("name"));
        Assert.Equal(["c-1001", "c-1002"], created.GetProperty("contacts").EnumerateArray().Select(c => c.GetString()));
        Assert.False(created.GetProperty("closed").GetBoolean());

        var update = new[] { Deal("d-new", "Won deal", "u-carmen", ["c-1002"], closed: true) };
        await client.PostOkAsync("/v3/deals", update);
        await client.PostOkAsync("/v3/deals", update);

        var updated = await client.GetJsonAsync("/v3/deals/d-new");
        Assert.Equal("Won deal", updated.Str("name"));
        Assert.Equal("u-carmen", updated.Str("responsibleUserId"));
        Assert.Equal("https://crm.example/deals/d-new", updated.Str("uri"));
        Assert.True(updated.GetProperty("closed").GetBoolean());
        Assert.Equal(["c-1002"], updated.GetProperty("contacts").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(1, await app.InStoreAsync(db => db.Deals.CountAsync(d => d.Id == "d-new")));
    }

    [Fact]
    public async Task The_list_is_sorted_by_name_in_pages_of_100_through_offset()
    {
        for (var batch = 0; batch < 2; batch++)
        {
            await client.PostOkAsync("/v3/deals", Enumerable.Range(batch * 50, 50).Select(i => Deal($"bulk-{i:D3}", $"Bulk deal {i:D3}")).ToArray());
        }

        var (items, sizes) = await client.GetAllPagesAsync("/v3/deals");

        Assert.Equal([100, 15], sizes);
        var names = items.Select(d => d.Str("name")!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(115, items.Select(d => d.Str("id")).Distinct().Count());
        using var negative = await client.GetAsync("/v3/deals?offset=-1");
        Assert.Equal("INVALID_REQUEST", await negative.ErrorCodeAsync());
    }

    [Fact]
    public async Task A_write_of_101_deals_is_refused_and_stores_none()
    {
        using var response = await client.PostJsonAsync("/v3/deals", Enumerable.Range(0, 101).Select(i => Deal($"many-{i}", $"Many {i}")).ToArray());

        Assert.Equal("TOO_MANY_ENTITIES", await response.ErrorCodeAsync());
        Assert.Equal(0, await app.InStoreAsync(db => db.Deals.CountAsync(d => d.Id.StartsWith("many-"))));
    }

    [Fact]
    public async Task One_invalid_deal_among_many_is_named_by_index_and_fields_and_nothing_is_stored()
    {
        using var response = await client.PostJsonAsync("/v3/deals", new object[]
        {
            Deal("ok-1", "Fine one"),
            new { id = "bad-2", responsibleUserId = "u-boris", name = new string('x', 201), contacts = new[] { "c-1001" }, closed = false },
            Deal("ok-3", "Fine three"),
        });

        Assert.Equal("INVALID_DEALS_DATA", await response.ErrorCodeAsync());
        var error = Assert.Single(await response.ErrorDataAsync());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        Assert.Equal("bad-2", error.Str("id"));
        Assert.Equal("At most 200 characters.", error.GetProperty("descriptions").Str("name"));
        Assert.False(error.GetProperty("descriptions").TryGetProperty("uri", out _));
        Assert.Equal(0, await app.InStoreAsync(db => db.Deals.CountAsync(d => d.Id.StartsWith("ok-") || d.Id == "bad-2")));
    }

    [Fact]
    public async Task The_documentations_example_is_taken_a_numeric_id_without_uri_and_its_link()
    {
        // The request example of the deals page: a string id, no uri but "link"; and a deal with a numeric id and no address.
        using var response = await client.PostAsync("/v3/deals", new StringContent("""
            [
              {"id": "1", "responsibleUserId": "u-boris", "name": "Daily Deal Test", "closed": false, "contacts": ["c-1001"], "link": "https://link-to-deal-in-crm.com"},
              {"id": 42, "responsibleUserId": "u-boris", "name": "Numbered", "closed": true, "contacts": ["c-1001"]}
            ]
            """, System.Text.Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var example = await client.GetJsonAsync("/v3/deals/1");
        Assert.Equal("https://link-to-deal-in-crm.com", example.Str("uri"));
        var numbered = await client.GetJsonAsync("/v3/deals/42");
        Assert.Null(numbered.Str("uri"));
        Assert.True(numbered.GetProperty("closed").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_contact_or_responsible_user_is_named_and_nothing_is_stored()
    {
        using (var response = await client.PostJsonAsync("/v3/deals", new[] { Deal("ok-1", "Fine"), Deal("lost-2", "Lost", contacts: ["c-1001", "c-ghost"]) }))
        {
            Assert.Equal("CONTACT_NOT_FOUND", await response.ErrorCodeAsync());
            Assert.Contains("c-ghost", await response.DescriptionAsync(), StringComparison.Ordinal);
            var missing = Assert.Single(await response.ErrorDataAsync());
            Assert.Equal(1, missing.GetProperty("index").GetInt32());
            Assert.Equal("lost-2", missing.Str("id"));
            Assert.Equal("c-ghost", missing.Str("contactId"));
        }

        using (var response = await client.PostJsonAsync("/v3/deals", new[] { Deal("ok-1", "Fine"), Deal("lost-2", "Lost", "u-ghost") }))
        {
            Assert.Equal("RESPONSIBLE_USER_NOT_FOUND", await response.ErrorCodeAsync());
            Assert.Contains("u-ghost", await response.DescriptionAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfGetAsync("/v3/deals/ok-1"));
    }

    [Fact]
    public async Task Deleting_a_deal_removes_it_and_an_unknown_one_is_404()
    {
        using (var response = await client.DeleteAsync("/v3/deals/d-2001"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfGetAsync("/v3/deals/d-2001"));
        Assert.False(await app.InStoreAsync(db => db.Deals.AnyAsync(d => d.Id == "d-2001")));
        using var again = await client.DeleteAsync("/v3/deals/d-2001");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("NOT_FOUND", await again.ErrorCodeAsync());
    }

    [Fact]
    public async Task Bulk_delete_removes_the_known_ids_and_lists_the_unknown()
    {
        using var response = await client.PatchJsonAsync("/v3/deals/bulk_delete", new[] { "d-2002", "d-2003", "d-none" });

        var body = await response.JsonAsync();
        Assert.Equal(["d-none"], body.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, await client.StatusOfGetAsync("/v3/deals/d-2002"));
        Assert.Equal(HttpStatusCode.OK, await client.StatusOfGetAsync("/v3/deals/d-2004"));
    }
}
