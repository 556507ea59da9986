using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Services;
using WazzupAdmin.Services.Crm;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Components;

/// <summary>
/// The app's real store and use cases on a SQLite file of its own, for component tests: register it with
/// <see cref="AddTo"/> before the first service is resolved, then <see cref="SeedAsync"/>, and dispose to delete the file.
/// The use cases check the signed-in account themselves, so the test must also register an
/// <c>AuthenticationStateProvider</c> (bUnit's <c>AddAuthorization().SetAuthorized(...).SetRoles("Administrator")</c>).
/// </summary>
public sealed class ComponentTestDb : IDisposable
{
    private ComponentTestDb(StoreProvider provider, string filePath, string connectionString, string? database = null)
    {
        Provider = provider;
        FilePath = filePath;
        ConnectionString = connectionString;
        Database = database;
    }

    public StoreProvider Provider { get; }

    /// <summary>The SQLite file (unused on PostgreSQL).</summary>
    public string FilePath { get; }

    /// <summary>The PostgreSQL database's name (null on SQLite).</summary>
    public string? Database { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// Registers the store, the use cases, a clock (unless one is registered already), localization, and the Identity
    /// services that <see cref="Services.Accounts.AccountService"/> and the demo accounts need.
    /// </summary>
    public static ComponentTestDb AddTo(IServiceCollection services, StoreProvider provider = StoreProvider.Sqlite)
    {
        var filePath = Path.Combine(Path.GetTempPath(), $"wazzup-component-{Guid.NewGuid():N}.db");
        // Without pooling no connection outlives its operation, so the file can be deleted as soon as the test ends.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = filePath, Pooling = false }.ToString();
        string? database = null;
        if (provider == StoreProvider.Postgres)
        {
            // The database itself is made by SeedAsync, from the template it needs.
            database = TestStore.NewPostgresDatabaseName();
            connectionString = Task.Run(PostgresTestServer.InstanceAsync).GetAwaiter().GetResult().ConnectionStringFor(database);
        }

        Register(services, provider, connectionString);
        return new ComponentTestDb(provider, filePath, connectionString, database);
    }

    /// <summary>
    /// Registers in <paramref name="services"/> what <see cref="AddTo"/> does, on this same store: a second instance of
    /// the console's services (its own writer, notifier, pool), as a second process on one PostgreSQL database is.
    /// </summary>
    public void AddSecondInstanceTo(IServiceCollection services) => Register(services, Provider, ConnectionString);

    private static void Register(IServiceCollection services, StoreProvider provider, string connectionString)
    {
        services.AddAppStore(provider, connectionString);
        services.AddAppUseCases();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(AppConfiguration);
        services.AddLocalization();
        services.AddLogging();
        services.AddIdentityCore<ApplicationUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>();
    }

    /// <summary>The configuration the app runs with (the root appsettings.json, copied beside the tests).</summary>
    public static IConfiguration AppConfiguration { get; } =
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false).Build();

    /// <summary>
    /// The migrated demo workspace: its CRM (users, funnels, contacts, deals) and its three channels with their access;
    /// <paramref name="withAccounts"/> adds the demo sign-in accounts. On the real clock the store is a copy of the run's
    /// template (<see cref="TestStore"/>); a test with a clock of its own gets it migrated and seeded on that clock.
    /// </summary>
    public async Task SeedAsync(IServiceProvider services, bool withAccounts = false)
    {
        var systemClock = services.GetRequiredService<TimeProvider>() == TimeProvider.System;
        if (Database is not null)
        {
            await TestStore.CreateOnPostgresAsync(systemClock ? (withAccounts ? TestStoreKind.DemoWorkspaceWithAccounts : TestStoreKind.DemoWorkspace) : null, Database);
            if (systemClock)
            {
                return;
            }
        }
        else if (systemClock)
        {
            TestStore.CopyTo(withAccounts ? TestStoreKind.DemoWorkspaceWithAccounts : TestStoreKind.DemoWorkspace, FilePath);
            return;
        }

        await DatabaseSetup.MigrateAsync(services);
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        if (withAccounts)
        {
            await WorkspaceInitializer.EnsureRolesAsync(provider);
            await DemoSeeder.SeedAsync(provider);
            return;
        }

        await DemoSeeder.SeedWorkspaceAsync(provider.GetRequiredService<IDbContextFactory<AppDbContext>>(), provider.GetRequiredService<TimeProvider>());
    }

    public void Dispose()
    {
        if (Database is not null)
        {
            Task.Run(PostgresTestServer.InstanceAsync).GetAwaiter().GetResult().DropDatabase(Database);
            return;
        }

        foreach (var file in new[] { FilePath, FilePath + "-wal", FilePath + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A file still held open is left to the system's temp cleanup rather than failing the test.
            }
        }
    }
}
