using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Api;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>Creates API keys the way an administrator does, and HTTP clients that carry them.</summary>
public static class ApiClient
{
    public static async Task<string> CreateKeyAsync(AppFactory app, string name = "Test CRM")
    {
        await using var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(name);
        return created.Created?.Key ?? throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Message)));
    }

    /// <summary>Revokes the key the way an administrator does; returns its row as it was before.</summary>
    public static async Task<ApiKeyRow> RevokeKeyAsync(AppFactory app, string key)
    {
        await using var scope = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var row = (await keys.ListAsync()).Single(k => key.StartsWith(k.Prefix, StringComparison.Ordinal));
        Assert.True(await keys.RevokeAsync(row.Id));
        return row;
    }

    public static async Task<HttpClient> CreateAsync(AppFactory app, string name = "Test CRM") =>
        WithKey(app, await CreateKeyAsync(app, name));

    public static HttpClient WithKey(AppFactory app, string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>The body as JSON; may be read any number of times.</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        await response.Content.LoadIntoBufferAsync();
        return JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The <c>error</c> code of an error response.</summary>
    public static async Task<string?> ErrorCodeAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync()).TryGetProperty("error", out var error) ? error.GetString() : null;
}
