using System.Net;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data;

namespace WazzupAdmin.Tests.Support;

/// <summary>
/// The whole console, started the way <c>Program.cs</c> starts it, on a database of its own.
/// <para>
/// Every factory works in a fresh temporary folder holding the SQLite file and the data-protection keys, so tests
/// never share state and never touch the developer's <c>wazzupadmin.db</c>. The environment is "Testing" (not
/// Development), the demo workspace is seeded unless <see cref="SeedDemo"/> is false (a copy of the run's template,
/// <see cref="TestStore"/>, unless the test replaces services), and the folder is deleted when the factory is disposed.
/// </para>
/// <list type="bullet">
/// <item>HTTP tests: <c>CreateClient(...)</c> as usual (an in-memory test server), or <see cref="SignInAsync"/> for a
/// client signed in through the real login form.</item>
/// <item>Use cases: <see cref="CreateScopeSignedInAsAsync"/> gives a service scope whose authentication state is a
/// real account, so services that require an administrator can be called directly.</item>
/// <item>Restarts: <see cref="RestartAsync"/> stops this app and starts a new one on the same database file and keys,
/// handing the temporary folder over to it.</item>
/// <item>Configuration: set <see cref="SeedDemo"/>, <see cref="Settings"/> (any configuration key) and
/// <see cref="TestServices"/> (service replacements) in the object initializer, before the app starts.
/// <see cref="OnExistingWorkspace"/> opens a folder some earlier factory left in place.</item>
/// <item>Browsers: <see cref="StartOnLoopbackAsync"/> serves the app with Kestrel on a free loopback port and returns
/// its address. Under Kestrel use <see cref="CreateCookieClient"/> or a browser, never <c>Server</c> (that is the
/// in-memory test server, which does not exist then).</item>
/// </list>
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public const string DatabaseFileName = "wazzupadmin.db";

    private readonly Lock loopbackLock = new();
    private Task<Uri>? loopbackAddress;
    private bool ownsWorkspace;
    private bool onLoopback;
    private bool disposed;
    private string? postgresDatabase;
    private bool postgresDatabaseCreated;
    private bool sharesDatabase;

    /// <summary>A console on a new, empty database in a new temporary folder.</summary>
    public AppFactory()
        : this(Path.Combine(Path.GetTempPath(), "wazzupadmin-tests", Guid.NewGuid().ToString("N")), ownsWorkspace: true)
    {
    }

    private AppFactory(string workspaceFolder, bool ownsWorkspace)
    {
        WorkspaceFolder = Path.GetFullPath(workspaceFolder);
        this.ownsWorkspace = ownsWorkspace;
        Directory.CreateDirectory(WorkspaceFolder);
    }

    /// <summary>
    /// A console on the database and keys already in <paramref name="workspaceFolder"/>, which it leaves in place.
    /// (A factory method, not a constructor: an xunit class fixture must have exactly one public constructor.)
    /// </summary>
    public static AppFactory OnExistingWorkspace(string workspaceFolder, bool seedDemo = true) =>
        new(workspaceFolder, ownsWorkspace: false) { SeedDemo = seedDemo };

    /// <summary>The folder that holds the database file and the data-protection keys.</summary>
    public string WorkspaceFolder { get; }

    public string DatabasePath => Path.Combine(WorkspaceFolder, DatabaseFileName);

    public string ConnectionString => Provider == StoreProvider.Postgres
        ? Task.Run(PostgresTestServer.InstanceAsync).GetAwaiter().GetResult().ConnectionStringFor(PostgresDatabase)
        : new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString();

    /// <summary>The engine of the console's store (Store:Provider). On PostgreSQL the factory's database is a copy of the
    /// run's template, dropped when the factory that owns it is disposed. Set before the app starts.</summary>
    public StoreProvider Provider { get; init; } = StoreProvider.Sqlite;

    /// <summary>
    /// On PostgreSQL, the database's name; a factory given the name of another's database (set before the app starts)
    /// serves the same store, as a second instance of the console would.
    /// </summary>
    public string PostgresDatabase
    {
        get => postgresDatabase ??= TestStore.NewPostgresDatabaseName();
        init
        {
            postgresDatabase = value;
            postgresDatabaseCreated = true;
            sharesDatabase = true;
        }
    }

    /// <summary>Seed the demo workspace on an empty database (Demo:Seed). Set before the app starts.</summary>
    public bool SeedDemo { get; init; } = true;

    /// <summary>Extra configuration (key, value), applied after the factory's own settings. Set before the app starts.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Service replacements for a test, applied after the app's own registrations. Set before the app starts.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>
    /// Serves the app with Kestrel on a free port of 127.0.0.1 and returns its base address (ending in "/").
    /// Call it before anything else starts the factory; later calls return the same address, so a class fixture
    /// can be shared by tests that each ask for it.
    /// </summary>
    public Task<Uri> StartOnLoopbackAsync()
    {
        lock (loopbackLock)
        {
            return loopbackAddress ??= StartKestrelAsync();
        }
    }

    private async Task<Uri> StartKestrelAsync()
    {
        onLoopback = true;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        // Starting runs the app's start-up (migrations, seeding) synchronously: keep it off the test's thread.
        await Task.Run(StartServer);
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        var address = new Uri(addresses.First().TrimEnd('/') + "/", UriKind.Absolute);
        ClientOptions.BaseAddress = address;
        return address;
    }

    /// <summary>
    /// A client that keeps cookies and does not follow redirects, like a browser whose every step a test checks.
    /// Works on the in-memory test server and on Kestrel alike.
    /// </summary>
    public HttpClient CreateCookieClient()
    {
        if (!onLoopback)
        {
            return CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        }

        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = ClientOptions.BaseAddress };
    }

    /// <summary>Signs in through the real login form and returns the signed-in client (cookies kept, no auto-redirect).</summary>
    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = CreateCookieClient();
        using var response = await SubmitLoginFormAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("Account/", StringComparison.Ordinal) == true)
        {
            var body = await response.Content.ReadAsStringAsync();
            client.Dispose();
            throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode} {response.Headers.Location}\n{body}");
        }

        return client;
    }

    /// <summary>
    /// Loads the login page with <paramref name="client"/>, fills in its form as a person would and posts it with the
    /// hidden fields the page rendered (the antiforgery token and the form's handler name).
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitLoginFormAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var form = await LoginForm.LoadAsync(client, returnUrl);
        return await form.PostAsync(email, password);
    }

    /// <summary>
    /// A service scope in which the current user is the account with <paramref name="email"/>, with its real claims and
    /// roles, as a signed-in circuit would have it. Dispose the scope when done.
    /// </summary>
    public async Task<AsyncServiceScope> CreateScopeSignedInAsAsync(string email)
    {
        var scope = Services.CreateAsyncScope();
        try
        {
            var provider = scope.ServiceProvider;
            var account = await provider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email)
                ?? throw new InvalidOperationException($"There is no account {email}.");
            var principal = await provider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(account);
            var authentication = (IHostEnvironmentAuthenticationStateProvider)provider.GetRequiredService<AuthenticationStateProvider>();
            authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
            return scope;
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops this app and starts a new one on the same database file and keys, as a restart of the real console would.
    /// The new factory takes over the temporary folder (and deletes it when disposed).
    /// </summary>
    public async Task<AppFactory> RestartAsync()
    {
        var next = new AppFactory(WorkspaceFolder, ownsWorkspace)
        {
            SeedDemo = SeedDemo,
            Settings = Settings,
            TestServices = TestServices,
            Provider = Provider,
        };
        if (Provider == StoreProvider.Postgres)
        {
            (next.postgresDatabase, next.postgresDatabaseCreated) = (PostgresDatabase, true);
        }

        ownsWorkspace = false;
        await DisposeAsync();
        return next;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // A new demo store is a copy of the run's template of what the first start leaves (see TestStore); the app's
        // start-up then finds it seeded, as on any later start. A test that replaces services seeds with them instead.
        if (Provider == StoreProvider.Postgres)
        {
            if (!postgresDatabaseCreated)
            {
                postgresDatabaseCreated = true;
                var kind = SeedDemo && TestServices is null ? TestStoreKind.DemoStartUp : (TestStoreKind?)null;
                Task.Run(() => TestStore.CreateOnPostgresAsync(kind, PostgresDatabase)).GetAwaiter().GetResult();
            }

            builder.UseSetting("Store:Provider", nameof(StoreProvider.Postgres));
        }
        else if (ownsWorkspace && SeedDemo && TestServices is null && !File.Exists(DatabasePath))
        {
            TestStore.CopyTo(TestStoreKind.DemoStartUp, DatabasePath);
        }

        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{DatabaseSetup.ConnectionStringName}", ConnectionString);
        builder.UseSetting("DataProtection:KeysFolder", Path.Combine(WorkspaceFolder, "keys"));
        builder.UseSetting("Demo:Seed", SeedDemo ? "true" : "false");
        // Messages stay where they are unless a test moves them (the simulator, or a fake clock with this set to true):
        // statuses arriving on the wall clock would make other tests' outboxes depend on how long they took.
        builder.UseSetting("MessageStatuses:Automatic", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // No UseStaticWebAssets() here: the app loads the manifest itself, and the loopback tests check that it does.
        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await base.DisposeAsync();
        DeleteWorkspace();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !disposed)
        {
            disposed = true;
            DeleteWorkspace();
        }
    }

    private void DeleteWorkspace()
    {
        if (!ownsWorkspace)
        {
            return;
        }

        if (Provider == StoreProvider.Postgres && postgresDatabase is not null && !sharesDatabase)
        {
            Task.Run(PostgresTestServer.InstanceAsync).GetAwaiter().GetResult().DropDatabase(postgresDatabase);
        }

        // Pooled connections keep the file open; on Windows that would block the delete.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(WorkspaceFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a straggling connection is left to the system's temp cleaning.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
