using System.Net;
using System.Text;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Api;

/// <summary>
/// Every answer under the API is JSON: a path that matches no endpoint, a method the path does not take and a body that
/// is not JSON get <c>{error, description}</c> with a fitting status, at the real path and at the /api/v3 alias.
/// The requests change nothing, so the tests share one console.
/// </summary>
public sealed class ApiErrorShapeTests(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private HttpClient api = default!;

    public async Task InitializeAsync() => api = await ApiClient.CreateAsync(app);

    public Task DisposeAsync()
    {
        api.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("/v3")]
    [InlineData("/api/v3")]
    public async Task A_path_that_matches_no_endpoint_is_404_not_found_in_json(string prefix)
    {
        using var response = await api.GetAsync($"{prefix}/no-such-thing");

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_path_that_matches_no_endpoint_is_json_even_without_a_key()
    {
        using var response = await app.CreateClient().PostAsync("/v3/messages/nothing", new StringContent("{}", Encoding.UTF8, "application/json"));

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Theory]
    [InlineData("/v3")]
    [InlineData("/api/v3")]
    public async Task A_method_the_path_does_not_take_is_405_in_json_naming_the_ones_it_takes(string prefix)
    {
        using var response = await api.DeleteAsync($"{prefix}/channels");

        var body = await AssertErrorAsync(response, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
        Assert.Contains("GET", response.Content.Headers.Allow);
        Assert.Contains("GET", body.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v3/contacts", "text/plain")]
    [InlineData("/v3/iframe", "application/x-www-form-urlencoded")]
    [InlineData("/api/v3/users", "text/xml")]
    public async Task A_body_that_is_not_json_is_415_unsupported_media_type(string path, string contentType)
    {
        using var response = await api.PostAsync(path, new StringContent("id=1", Encoding.UTF8, contentType));

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_415_unsupported_media_type()
    {
        using var response = await api.PatchAsync("/v3/webhooks", new ByteArrayContent(Encoding.UTF8.GetBytes("{}")));

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Theory]
    [InlineData("/v3/contacts", "[{\"id\": ")]
    [InlineData("/v3/users", "not json at all")]
    [InlineData("/v3/webhooks", "")]
    public async Task Malformed_json_is_400_invalid_request(string path, string body)
    {
        using var request = new HttpRequestMessage(path == "/v3/webhooks" ? HttpMethod.Patch : HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        using var response = await api.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_REQUEST");
    }

    [Fact]
    public async Task The_alias_answers_as_the_real_path_and_stays_out_of_the_openapi_document()
    {
        var real = await api.GetJsonAsync("/v3/channels");
        var alias = await api.GetJsonAsync("/api/v3/channels");

        Assert.Equal(real.GetRawText(), alias.GetRawText());
        var document = await app.CreateClient().GetJsonAsync("/openapi/v3.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/v3/channels", paths);
        Assert.Contains("/v3/contacts/bulk_delete", paths);
        Assert.All(paths, path => Assert.StartsWith("/v3/", path, StringComparison.Ordinal));
    }

    private static async Task<System.Text.Json.JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        Assert.Equal(code, body.Str("error"));
        Assert.False(string.IsNullOrWhiteSpace(body.Str("description")));
        return body;
    }
}
