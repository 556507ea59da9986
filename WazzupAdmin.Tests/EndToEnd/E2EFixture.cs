using System.Diagnostics.CodeAnalysis;
using Microsoft.Playwright;
using WazzupAdmin.Tests.EndToEnd.Pages;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.EndToEnd;

/// <summary>
/// One console and one browser for the whole end-to-end run: starting either takes seconds, a browser context per test
/// keeps the tests apart. With E2E_BASE_URL set the tests drive that already running console (which must hold the demo
/// workspace) instead of starting one in process.
/// </summary>
public sealed class E2EFixture : IAsyncLifetime
{
    public const string BaseUrlVariable = "E2E_BASE_URL";

    private readonly SemaphoreSlim administratorStateLock = new(1, 1);
    private AppFactory? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The console's address, ending in "/".</summary>
    public Uri BaseUrl { get; private set; } = default!;

    /// <summary>True when the console is the in-process one, on a fresh demo database made for this run.</summary>
    public bool OwnsConsole => app is not null;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public static string AdminEmail => DemoWorkspace.AdminEmail;

    public static string AdminPassword => DemoWorkspace.AdminPassword;

    public static string UserPassword => DemoWorkspace.UserPassword;

    /// <summary>The options of every test's browser context, optionally with cookies saved from an earlier sign-in.</summary>
    public BrowserNewContextOptions ContextOptions(string? storageState = null) => new()
    {
        BaseURL = BaseUrl.AbsoluteUri,
        // The console follows the browser's language; the tests read the English texts.
        Locale = "en-US",
        ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        StorageState = storageState,
    };

    /// <summary>
    /// The cookies of an administrator signed in through the sign-in page. Taken anew for each test: signing out ends
    /// every session of the account, so cookies saved before a test that signed out would no longer sign anyone in.
    /// </summary>
    public async Task<string> AdministratorStateAsync()
    {
        await administratorStateLock.WaitAsync();
        try
        {
            await using var context = await Browser.NewContextAsync(ContextOptions());
            var page = await context.NewPageAsync();
            await (await new LoginPage(page).GotoAsync()).SignInAsync(AdminEmail, AdminPassword);
            return await context.StorageStateAsync();
        }
        finally
        {
            administratorStateLock.Release();
        }
    }

    /// <summary>
    /// A new API key of the in-process console, made the way an administrator makes one; null when the tests drive a
    /// console of their own (E2E_BASE_URL), whose keys they cannot make.
    /// </summary>
    public async Task<string?> CreateApiKeyAsync(string name) => app is null ? null : await Api.ApiClient.CreateKeyAsync(app, name);

    public async Task InitializeAsync()
    {
        // Blazor Server answers over a WebSocket on a busy 2-core machine: give assertions room before they fail.
        Assertions.SetDefaultExpectTimeout(10_000);

        var external = Environment.GetEnvironmentVariable(BaseUrlVariable);
        var startConsole = string.IsNullOrWhiteSpace(external) ? StartConsoleAsync() : CheckRunningConsoleAsync(ParseBaseUrl(external));
        var startBrowser = StartBrowserAsync();
        try
        {
            BaseUrl = await startConsole;
        }
        finally
        {
            // Whatever failed, the other one has finished starting and is disposed with the fixture.
            await Task.WhenAll(startBrowser.ContinueWith(_ => { }, TaskScheduler.Default));
        }

        browser = await startBrowser;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        administratorStateLock.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    private async Task<Uri> StartConsoleAsync()
    {
        // The browser tests' webhook receivers listen on 127.0.0.1, which the console refuses by default. A rep who closes
        // their chat window is offline a second later, so the routing tests need not wait the default minute.
        app = new AppFactory
        {
            Settings = new Dictionary<string, string?> { ["Webhooks:AllowPrivateNetworks"] = "true", ["Routing:PresenceGracePeriod"] = "00:00:01" },
        };
        return await app.StartOnLoopbackAsync();
    }

    private async Task<IBrowser> StartBrowserAsync()
    {
        playwright = await Playwright.CreateAsync();
        return await BrowserLauncher.LaunchAsync(playwright);
    }

    /// <summary>One clear failure up front instead of every test failing to connect.</summary>
    private static async Task<Uri> CheckRunningConsoleAsync(Uri baseUrl)
    {
        using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await client.GetAsync("health");
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The console at {baseUrl} ({BaseUrlVariable}) answers /health with {(int)response.StatusCode}.");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new InvalidOperationException($"No console answers at {baseUrl} ({BaseUrlVariable}): start it first, or unset {BaseUrlVariable} to let the tests start their own.", e);
        }

        return baseUrl;
    }

    private static Uri ParseBaseUrl(string value)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{BaseUrlVariable} must be an absolute http(s) address such as http://127.0.0.1:5080, not '{value}'.");
        }

        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}

[CollectionDefinition(Name)]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix",
    Justification = "An xunit collection definition: the suffix says what it is.")]
public sealed class E2ECollection : ICollectionFixture<E2EFixture>
{
    public const string Name = "E2E";
}
