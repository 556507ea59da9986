using System.Net;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration;

/// <summary>The app as a browser reaches it: Kestrel on a loopback port, with the framework's and MudBlazor's files.</summary>
public sealed class LoopbackServerTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("_framework/blazor.web.js")]
    [InlineData("_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("_content/MudBlazor/MudBlazor.min.js")]
    [InlineData("app.css")]
    public async Task The_static_files_a_browser_needs_are_served_outside_development(string path)
    {
        using var client = new HttpClient { BaseAddress = await app.StartOnLoopbackAsync() };

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_loopback_server_signs_in_and_serves_the_settings()
    {
        var address = await app.StartOnLoopbackAsync();
        Assert.Equal(IPAddress.Loopback.ToString(), address.Host);
        Assert.NotEqual(0, address.Port);
        using var client = await app.SignInAsync(DemoWorkspace.AdminEmail, DemoWorkspace.AdminPassword);

        using var response = await client.GetAsync("settings/channels");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
