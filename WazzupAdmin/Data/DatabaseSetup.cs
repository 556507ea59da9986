using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using WazzupAdmin.Data.Postgres;

namespace WazzupAdmin.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "Wazzup";

    /// <summary>The session-level advisory lock that one instance holds while it migrates a PostgreSQL store.</summary>
    public const long MigrationLockKey = 0x57415A5A55500000;

    /// <summary>
    /// The configured connection string; for SQLite a relative file path is made absolute against the content root,
    /// so that the app finds the same file whichever folder it is started from.
    /// </summary>
    public static string ResolveConnectionString(IConfiguration configuration, string contentRoot, StoreProvider provider = StoreProvider.Sqlite)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is missing from appsettings.json.");
        if (provider == StoreProvider.Postgres)
        {
            return configured;
        }

        var builder = new SqliteConnectionStringBuilder(configured);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        return builder.ToString();
    }

    /// <summary>The store on a SQLite file.</summary>
    public static IServiceCollection AddAppStore(this IServiceCollection services, string connectionString) =>
        services.AddAppStore(StoreProvider.Sqlite, connectionString);

    public static IServiceCollection AddAppStore(this IServiceCollection services, StoreProvider provider, string connectionString) =>
         provider == StoreProvider.Postgres ? services.AddPostgresStore(connectionString) : services.AddSqliteStore(connectionString);

    private static IServiceCollection AddSqliteStore(this IServiceCollection services, string connectionString)
    {
        // One context per operation: a Blazor circuit lives long and a shared context is not thread safe.
        // The factory also registers a scoped AppDbContext, which only Identity's stores use.
        // One write gate per database, shared by every context of this app (see SqliteWriteGate).
        var writeGate = new SqliteWriteGate();
        var connectionSettings = new SqliteConnectionSettings();
        services.AddDbContextFactory<AppDbContext>((provider, options) =>
        {
            options.UseSqlite(connectionString).AddInterceptors(connectionSettings, writeGate);
            AddOutboxInterceptors(provider, options);
        });
        services.AddHostedService(provider => new WalCheckpointer(connectionString, provider.GetRequiredService<ILogger<WalCheckpointer>>()));
        return services;
    }

    private static IServiceCollection AddPostgresStore(this IServiceCollection services, string connectionString)
    {
        // One data source (and so one pool) per app, shared by every context and by the chat events' listener; the
        // container closes its connections when the app stops.
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        var writeLock = new PostgresWriteLock();
        services.AddDbContextFactory<PostgresAppDbContext>((provider, options) =>
        {
            options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>()).AddInterceptors(writeLock);
            AddOutboxInterceptors(provider, options);
        });
        // The rest of the app asks for the base context and its factory; both are the PostgreSQL ones.
        services.AddSingleton<IDbContextFactory<AppDbContext>>(provider =>
            new BaseContextFactory(provider.GetRequiredService<IDbContextFactory<PostgresAppDbContext>>()));
        services.AddScoped<AppDbContext>(provider => provider.GetRequiredService<PostgresAppDbContext>());
        return services;
    }

    // Wakes the webhook worker when a transaction that wrote outbox events commits.
    private static void AddOutboxInterceptors(IServiceProvider provider, DbContextOptionsBuilder options)
    {
        if (provider.GetService<Services.Webhooks.OutboxCommitInterceptor>() is { } outbox)
        {
            options.AddInterceptors(outbox, outbox.Transactions);
        }
    }

    /// <summary>
    /// Applies the migrations. A SQLite file is created if needed and switched to write-ahead logging. On PostgreSQL the
    /// instance that migrates holds a session-level advisory lock meanwhile, so of several instances starting at once one
    /// migrates and the others wait and then find nothing left to do; the same instance makes the data-protection key,
    /// so that they do not each make one.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db is PostgresAppDbContext)
        {
            await MigratePostgresAsync(services, db, cancellationToken);
            return;
        }

        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var folder = Path.GetDirectoryName(dataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await db.Database.MigrateAsync(cancellationToken);
        // WAL is a property of the file, kept across connections and restarts.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    private static async Task MigratePostgresAsync(IServiceProvider services, AppDbContext db, CancellationToken cancellationToken)
    {
        await CreateDatabaseIfMissingAsync(db, cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var locked = false;
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            locked = true;
            await db.Database.MigrateAsync(cancellationToken);
            // Makes the key ring's first key now, under the lock, when there is none yet.
            services.GetService<IDataProtectionProvider>()?.CreateProtector("WazzupAdmin.Startup").Protect([0]);
        }
        finally
        {
            if (locked)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>An empty server is fine: the database named by the connection string is made on the first start.</summary>
    private static async Task CreateDatabaseIfMissingAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance made it a moment ago.
        }
    }

    private sealed class BaseContextFactory(IDbContextFactory<PostgresAppDbContext> inner) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
