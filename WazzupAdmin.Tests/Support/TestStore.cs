using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;

namespace WazzupAdmin.Tests.Support;

/// <summary>What a test store holds when a test gets it.</summary>
public enum TestStoreKind
{
    /// <summary>What the console's first start leaves: the demo's CRM, channels, accounts, conversations and templates.</summary>
    DemoStartUp,

    /// <summary>The demo's CRM and channels with their access, without accounts or conversations.</summary>
    DemoWorkspace,

    /// <summary>The demo's CRM, channels and sign-in accounts, without conversations.</summary>
    DemoWorkspaceWithAccounts,
}

/// <summary>
/// Test stores built once per test run: each kind is migrated and seeded the first time a test asks for it, by the
/// app's own migrations and seeding, into a template file; every test then gets a copy of that file. Migrating and
/// hashing the demo accounts' passwords cost far more than copying a file, and every store starts the same.
/// <para>
/// A test that seeds with services of its own (a fake clock, another password hasher) cannot share a template made with
/// the real ones: those keep seeding their store themselves.
/// </para>
/// </summary>
public static class TestStore
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "wazzupadmin-tests", "templates-" + Guid.NewGuid().ToString("N"));
    private static readonly ConcurrentDictionary<TestStoreKind, Lazy<string>> Templates = new();

    static TestStore() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteTemplates();

    /// <summary>Copies a store of <paramref name="kind"/> to <paramref name="databasePath"/>, which must not exist yet.</summary>
    public static void CopyTo(TestStoreKind kind, string databasePath)
    {
        var template = Templates.GetOrAdd(kind, k => new Lazy<string>(() => Create(k), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        File.Copy(template, databasePath, overwrite: false);
    }

    /// <summary>
    /// Makes database <paramref name="database"/> on the run's PostgreSQL server as a copy of the run's template of
    /// <paramref name="kind"/> (null: migrated and empty), built the first time a test asks for it.
    /// </summary>
    public static async Task CreateOnPostgresAsync(TestStoreKind? kind, string database)
    {
        var server = await PostgresTestServer.InstanceAsync();
        await server.CreateDatabaseAsync(database, $"wazzup_template_{(kind?.ToString() ?? "Migrated").ToLowerInvariant()}",
            connectionString => SeedAsync(StoreProvider.Postgres, connectionString, kind));
    }

    /// <summary>A new name for a test's PostgreSQL database.</summary>
    public static string NewPostgresDatabaseName() => "wazzup_test_" + Guid.NewGuid().ToString("N");

    private static void DeleteTemplates()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // A file still held open is left to the system's temp cleaning.
        }
    }

    private static string Create(TestStoreKind kind)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{kind}.db");
        // Without pooling every connection is closed when its operation ends, so the file is complete once seeding is.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        // Off the caller's thread: the first test to ask waits for it, the others wait for that one.
        Task.Run(() => SeedAsync(StoreProvider.Sqlite, connectionString, kind)).GetAwaiter().GetResult();

        // The copies must not need the write-ahead log: move it into the file and empty it.
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }

        return path;
    }

    /// <summary>Migrates and seeds with the app's own code and services, as its start-up and the component tests do.</summary>
    private static async Task SeedAsync(StoreProvider engine, string connectionString, TestStoreKind? kind)
    {
        var collection = new ServiceCollection();
        collection.AddAppStore(engine, connectionString);
        collection.AddSingleton(TimeProvider.System);
        collection.AddLogging();
        collection.AddIdentityCore<ApplicationUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<AppDbContext>();
        await using var services = collection.BuildServiceProvider();
        await DatabaseSetup.MigrateAsync(services);
        if (kind is null)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        switch (kind)
        {
            case TestStoreKind.DemoStartUp:
                if (!await WorkspaceInitializer.InitializeAsync(provider, NullLogger.Instance))
                {
                    throw new InvalidOperationException("The demo start-up store has no administrator.");
                }

                break;
            case TestStoreKind.DemoWorkspaceWithAccounts:
                await WorkspaceInitializer.EnsureRolesAsync(provider);
                await DemoSeeder.SeedAsync(provider);
                break;
            default:
                await DemoSeeder.SeedWorkspaceAsync(provider.GetRequiredService<IDbContextFactory<AppDbContext>>(), provider.GetRequiredService<TimeProvider>());
                break;
        }
    }
}
