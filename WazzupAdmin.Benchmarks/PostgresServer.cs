using System.Globalization;
using Npgsql;

namespace WazzupAdmin.Benchmarks;

/// <summary>
/// The PostgreSQL server the benchmark measures on: the one given by <c>--postgres</c> (or
/// <see cref="BenchmarkOptions.PostgresVariable"/>), where it creates databases and drops them again, or else a throwaway
/// cluster of this machine's PostgreSQL (<c>/usr/lib/postgresql/*/bin</c>) in a temporary folder on a free loopback port,
/// stopped and deleted on dispose.
/// <para>
/// Unlike the test suite's cluster, this one keeps PostgreSQL's durability: <c>fsync</c>, <c>synchronous_commit</c> and
/// <c>full_page_writes</c> on, as a production server has them, so that a commit costs what it costs there: a flush of the
/// write-ahead log to the disk. Without it the figures would be of a server that may lose committed clients.
/// </para>
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>shared_buffers of the throwaway cluster: enough for the generated store's hot indexes, as SQLite's page cache is for its file.</summary>
    public const string SharedBuffers = "256MB";

    private readonly string adminConnectionString;
    private readonly LocalPostgresCluster? cluster;
    private readonly List<string> databases = [];

    private PostgresServer(string adminConnectionString, LocalPostgresCluster? cluster)
    {
        this.adminConnectionString = adminConnectionString;
        this.cluster = cluster;
    }

    /// <summary>The server's version and durability settings, said in the report beside its figures.</summary>
    public string Description { get; private set; } = "";

    /// <summary>Whether a commit waits for the disk: fsync and synchronous_commit on.</summary>
    public bool Durable { get; private set; }

    public static async Task<PostgresServer> StartAsync(string? given, TextWriter log)
    {
        PostgresServer server;
        if (given is not null)
        {
            server = new PostgresServer(given, null);
        }
        else
        {
            var bin = LocalPostgresCluster.FindBinaries() ?? throw new InvalidOperationException(
                "PostgreSQL was not found: install Debian's PostgreSQL (apt-get install postgresql), which puts initdb and pg_ctl in "
                + $"/usr/lib/postgresql/<version>/bin, or give a server with --postgres or {BenchmarkOptions.PostgresVariable}.");
            var cluster = await LocalPostgresCluster.StartAsync(bin, "wazzupadmin-bench", durable: true, "max_connections=300", $"shared_buffers={SharedBuffers}");
            server = new PostgresServer(cluster.AdminConnection().ToString(), cluster);
        }

        try
        {
            await server.DescribeAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        log.WriteLine($"  PostgreSQL: {server.Description}");
        return server;
    }

    /// <summary>A new, empty database on the server; its connection string. Dropped again on dispose.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "wazzupadmin_bench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        databases.Add(name);
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, MaxPoolSize = 100 }.ToString();
    }

    private async Task DescribeAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "shared_buffers" })
        {
            await using var show = new NpgsqlCommand($"SHOW {name}", connection);
            settings[name] = (string)(await show.ExecuteScalarAsync())!;
        }

        Durable = settings["fsync"] == "on" && settings["synchronous_commit"] is "on" or "remote_apply" or "remote_write" or "local";
        Description = string.Create(CultureInfo.InvariantCulture,
            $"PostgreSQL {settings["server_version"]} ({(cluster is null ? "the server given to the program" : "a throwaway cluster of this machine's binaries, data on its disk, over 127.0.0.1")}), " +
            $"fsync={settings["fsync"]}, synchronous_commit={settings["synchronous_commit"]}, full_page_writes={settings["full_page_writes"]}, " +
            $"wal_sync_method={settings["wal_sync_method"]}, shared_buffers={settings["shared_buffers"]}");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (cluster is not null)
        {
            // The whole cluster goes, its databases with it.
            await cluster.StopAsync();
            return;
        }

        foreach (var name in databases)
        {
            try
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
            catch (NpgsqlException)
            {
                // Left to the server's owner rather than hiding the figures behind a failed clean-up.
            }
        }
    }
}
