using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace WazzupAdmin.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "Wazzup";

    /// <summary>
    /// The configured SQLite connection string with a relative file path made absolute against the content root,
    /// so that the app finds the same file whichever folder it is started from.
    /// </summary>
    public static string ResolveConnectionString(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is missing from appsettings.json.");
        var builder = new SqliteConnectionStringBuilder(configured);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        return builder.ToString();
    }

    public static IServiceCollection AddAppStore(this IServiceCollection services, string connectionString)
    {
        // One context per operation: a Blazor circuit lives long and a shared context is not thread safe.
        // The factory also registers a scoped AppDbContext, which only Identity's stores use.
        // One write gate per database, shared by every context of this app (see SqliteWriteGate).
        var writeGate = new SqliteWriteGate();
        var connectionSettings = new SqliteConnectionSettings();
        services.AddDbContextFactory<AppDbContext>((provider, options) =>
        {
            options.UseSqlite(connectionString).AddInterceptors(connectionSettings, writeGate);
            // Wakes the webhook worker when a transaction that wrote outbox events commits.
            if (provider.GetService<Services.Webhooks.OutboxCommitInterceptor>() is { } outbox)
            {
                options.AddInterceptors(outbox, outbox.Transactions);
            }
        });
        services.AddHostedService(provider => new WalCheckpointer(connectionString, provider.GetRequiredService<ILogger<WalCheckpointer>>()));
        return services;
    }

    /// <summary>Creates the file if needed, applies the migrations and switches the file to write-ahead logging.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
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
}
