using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace WazzupAdmin.Data.Postgres;

/// <summary>
/// The store on PostgreSQL: the same model as <see cref="AppDbContext"/>, with its own migrations (Data/Migrations/Postgres),
/// plus the data-protection keys and the API's request counts, which every instance of the console must share and so live in the database.
/// </summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The API's request counts per key, shared by the instances (on SQLite the limiter counts in memory).</summary>
    public DbSet<Entities.ApiRateWindow> ApiRateWindows => Set<Entities.ApiRateWindow>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        // Configured here, not in Data/Configurations, which the SQLite model applies too.
        builder.Entity<Entities.ApiRateWindow>().HasKey(w => new { w.KeyId, w.WindowStart });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        // Every time the console keeps is UTC; a timestamptz takes only a UTC DateTime, and SQLite's readings come back
        // unspecified. The column stays timestamptz; the value is only told what it is.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc),
        value => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

/// <summary>Lets <c>dotnet ef migrations add ... --context PostgresAppDbContext</c> build the model without a server.</summary>
public sealed class PostgresAppDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=wazzupadmin").Options);
}
