using System.Net;
using AngleSharp.Html.Parser;
using WazzupAdmin.Api;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration;

/// <summary>Every answer says nosniff, a referrer policy and a script policy; pages allow their one inline script by nonce.</summary>
public sealed class SecurityHeadersTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string> Answers =>
    [
        "/Account/Login",
        "/",
        "/status/404",
        "/no-such-page",
        "/health",
        "/app.css",
        "/openapi/v3.json",
        "/api/reference/index.html",
        ApiV3.Prefix + "/channels",
    ];

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_carries_nosniff_a_referrer_policy_and_a_script_policy(string path)
    {
        using var client = app.CreateCookieClient();

        using var response = await client.GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("default-src 'self'", Directive(response, "default-src"));
        Assert.Matches("^script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'$", Directive(response, "script-src"));
        Assert.Equal("object-src 'none'", Directive(response, "object-src"));
        Assert.Equal("frame-ancestors 'self'", Directive(response, "frame-ancestors"));
    }

    [Fact]
    public async Task A_page_allows_only_its_own_inline_import_map_by_a_nonce_new_for_each_answer()
    {
        using var client = app.CreateCookieClient();

        using var first = await client.GetAsync("/Account/Login");
        using var second = await client.GetAsync("/Account/Login");

        var document = await new HtmlParser().ParseDocumentAsync(await first.Content.ReadAsStringAsync());
        var inline = document.QuerySelectorAll("script").Where(s => !s.HasAttribute("src")).ToList();
        var importMap = Assert.Single(inline);
        Assert.Equal("importmap", importMap.GetAttribute("type"));
        Assert.Equal($"script-src 'self' 'nonce-{importMap.GetAttribute("nonce")}'", Directive(first, "script-src"));
        Assert.NotEqual(Directive(first, "script-src"), Directive(second, "script-src"));
    }

    /// <summary>One directive of the answer's Content-Security-Policy, with its name.</summary>
    public static string Directive(HttpResponseMessage response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var directive = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .SingleOrDefault(d => d.StartsWith(name + " ", StringComparison.Ordinal) || d == name);
        return directive?.Trim() ?? throw new Xunit.Sdk.XunitException($"No {name} in: {policy}");
    }
}
