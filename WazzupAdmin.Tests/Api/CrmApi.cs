using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>Calls of the CRM push API as a CRM makes them, and a look into the store to see what they left.</summary>
public static class CrmApi
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string path, object body) =>
        client.PatchAsJsonAsync(path, body);

    /// <summary>Posts and expects 200.</summary>
    public static async Task PostOkAsync(this HttpClient client, string path, object body)
    {
        using var response = await client.PostJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The JSON of a GET that must answer 200.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    public static async Task<HttpStatusCode> StatusOfGetAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    /// <summary>
    /// Every page of a list, following <c>offset</c>, with the size of each page. Contacts and deals come as
    /// <c>{count, data}</c>, whose count must be the whole list's; users as a plain array.
    /// </summary>
    public static async Task<(List<JsonElement> Items, List<int> PageSizes)> GetAllPagesAsync(this HttpClient client, string path)
    {
        var items = new List<JsonElement>();
        var sizes = new List<int>();
        int? count = null;
        while (true)
        {
            var answer = await client.GetJsonAsync($"{path}?offset={items.Count}");
            List<JsonElement> page;
            if (answer.ValueKind == JsonValueKind.Object)
            {
                Assert.Equal(["count", "data"], answer.EnumerateObject().Select(p => p.Name));
                count ??= answer.GetProperty("count").GetInt32();
                Assert.Equal(count, answer.GetProperty("count").GetInt32());
                page = [.. answer.GetProperty("data").EnumerateArray()];
            }
            else
            {
                page = [.. answer.EnumerateArray()];
            }

            sizes.Add(page.Count);
            items.AddRange(page);
            if (page.Count < 100)
            {
                Assert.True(count is null || count == items.Count, $"count {count} but {items.Count} listed");
                return (items, sizes);
            }
        }
    }

    public static async Task<T> InStoreAsync<T>(this AppFactory app, Func<AppDbContext, Task<T>> query)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public static string? Str(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    /// <summary>The <c>data</c> entries of an error response.</summary>
    public static async Task<List<JsonElement>> ErrorDataAsync(this HttpResponseMessage response) =>
        [.. (await response.JsonAsync()).GetProperty("data").EnumerateArray()];

    public static async Task<string> DescriptionAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("description").GetString() ?? "";
}
