using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WazzupAdmin.Data;
using WazzupAdmin.Extensions;
using WazzupAdmin.Services.Instances;

namespace WazzupAdmin.Benchmarks;

/// <summary>
/// The console built exactly as Program.cs builds it (same services, same store settings, same pipeline), on a SQLite
/// file in a temporary folder of its own that is deleted on dispose, or on a PostgreSQL database given to it (which it
/// leaves in place: several hosts may share one, as instances of the console do).
/// </summary>
public sealed class AppHost : IAsyncDisposable
{
    private readonly List<IHostedService> background = [];

    private AppHost(WebApplication app, string folder, StoreProvider provider, string connectionString)
    {
        App = app;
        Folder = folder;
        Provider = provider;
        ConnectionString = connectionString;
    }

    public StoreProvider Provider { get; }

    /// <summary>The store's connection string, as the app was given it.</summary>
    public string ConnectionString { get; }

    public WebApplication App { get; }

    public string Folder { get; }

    public IServiceProvider Services => App.Services;

    public string DatabasePath => Path.Combine(Folder, "wazzupadmin.db");

    /// <summary>Base address when started with Kestrel, ending in "/".</summary>
    public Uri? Address { get; private set; }

    /// <param name="seedDemo">Seed the demo workspace (as a first start does).</param>
    /// <param name="serve">Start Kestrel on a free loopback port and the whole request pipeline.</param>
    /// <param name="root">The folder under which the store's file is made; the temporary folder by default.</param>
    /// <param name="settings">Configuration that overrides the app's, such as a raised API rate limit.</param>
    /// <param name="endpoints">Endpoints of the benchmark's own, mapped beside the app's on the same Kestrel and pipeline.</param>
    /// <param name="postgres">The connection string of a PostgreSQL database to use (Store:Provider = Postgres) instead of a SQLite file.</param>
    public static async Task<AppHost> StartAsync(
        bool seedDemo, bool serve, string? root = null, IReadOnlyDictionary<string, string?>? settings = null, Action<WebApplication>? endpoints = null,
        Action<IServiceCollection>? services = null, string? postgres = null)
    {
        var folder = Path.Combine(root ?? Path.GetTempPath(), "wazzupadmin-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = ConsoleBuilder.Create(new WebApplicationOptions
        {
            // The app's name finds its static web assets manifests, which the build copies beside this program.
            ApplicationName = "WazzupAdmin",
            EnvironmentName = "Production",
            ContentRootPath = folder,
            Args = [],
        });
        builder.AddRootAppSettings();
        var provider = postgres is null ? StoreProvider.Sqlite : StoreProvider.Postgres;
        var connectionString = postgres ?? new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "wazzupadmin.db") }.ToString();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{StoreProviderOptions.Section}:{nameof(StoreProviderOptions.Provider)}"] = provider.ToString(),
            [$"ConnectionStrings:{DatabaseSetup.ConnectionStringName}"] = connectionString,
            ["DataProtection:KeysFolder"] = Path.Combine(folder, "keys"),
            ["Demo:Seed"] = seedDemo ? "true" : "false",
            ["Logging:LogLevel:Default"] = "Error",
            ["Logging:LogLevel:Microsoft"] = "Error",
            ["Logging:LogLevel:WazzupAdmin"] = "Error",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.AddApplicationServices();
        services?.Invoke(builder.Services);
        if (serve)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        var app = builder.Build();
        var host = new AppHost(app, folder, provider, connectionString);
        await DatabaseSetup.MigrateAsync(app.Services);
        if (seedDemo)
        {
            await WorkspaceInitializer.InitializeAsync(app.Services, app.Logger);
        }
        else
        {
            await WorkspaceInitializer.EnsureRolesAsync(app.Services.CreateScope().ServiceProvider);
        }

        if (serve)
        {
            app.UseApplicationPipeline();
            endpoints?.Invoke(app);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            host.Address = new Uri(address.TrimEnd('/') + "/");
        }
        else
        {
            // Without the web server, still the store's own background work, as the running app has it: the checkpoints
            // of a SQLite file, or on PostgreSQL what tells the other instances on the database what this one did and hears them.
            foreach (var background in app.Services.GetServices<IHostedService>()
                .Where(s => s is WalCheckpointer or PostgresInstanceEvents or PostgresInstanceListener))
            {
                await background.StartAsync(CancellationToken.None);
                host.background.Add(background);
            }
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (Address is not null)
        {
            await App.StopAsync();
        }

        foreach (var started in Enumerable.Reverse(background))
        {
            await started.StopAsync(CancellationToken.None);
        }

        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
