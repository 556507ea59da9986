using System.Collections.Concurrent;
using Npgsql;
using WazzupAdmin.Benchmarks;

namespace WazzupAdmin.Tests.Support;

/// <summary>
/// The PostgreSQL server of a test run. With <c>WAZZUP_TEST_POSTGRES</c> set (a connection string to a server where the
/// tests may create and drop databases) it is that server; otherwise a throwaway cluster of this machine's PostgreSQL
/// (<c>/usr/lib/postgresql/*/bin</c>) started on a free loopback port, with its data in a temporary folder, and stopped
/// when the run ends. Without either, every PostgreSQL test fails and says how to get the binaries.
/// <para>
/// Each test gets a database of its own, made as a copy of a template database (<see cref="CreateDatabaseAsync"/>): the
/// templates are migrated and seeded once per run, as <see cref="TestStore"/> does for SQLite files.
/// </para>
/// </summary>
public sealed class PostgresTestServer
{
    public const string EnvironmentVariable = "WAZZUP_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresTestServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ConcurrentDictionary<string, Lazy<Task>> templates = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim creating = new(1, 1);
    private readonly string adminConnectionString;

    private PostgresTestServer(string adminConnectionString) => this.adminConnectionString = adminConnectionString;

    /// <summary>The run's server, started by the first test that asks.</summary>
    public static Task<PostgresTestServer> InstanceAsync() => Shared.Value;

    /// <summary>The connection string of database <paramref name="database"/> on this server.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database, Pooling = true }.ToString();

    /// <summary>A new database named <paramref name="database"/>, a copy of the template <paramref name="template"/>,
    /// which <paramref name="build"/> fills (migrates, seeds) the first time it is asked for.</summary>
    public async Task CreateDatabaseAsync(string database, string template, Func<string, Task> build)
    {
        await templates.GetOrAdd(template, name => new Lazy<Task>(() => BuildTemplateAsync(name, build), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        // PostgreSQL copies a template only while nobody else copies it or is connected to it.
        await creating.WaitAsync();
        try
        {
            await ExecuteAsync($"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            creating.Release();
        }
    }

    public void DropDatabase(string database)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionStringFor(database)));
        try
        {
            Task.Run(() => ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)")).GetAwaiter().GetResult();
        }
        catch (NpgsqlException)
        {
            // Left to the end of the run's cluster (or the server's owner) rather than failing a test that passed.
        }
    }

    private async Task BuildTemplateAsync(string template, Func<string, Task> build)
    {
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{template}\" WITH (FORCE)");
        await ExecuteAsync($"CREATE DATABASE \"{template}\"");
        var connectionString = ConnectionStringFor(template);
        await build(connectionString);
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        await ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{template}' AND pid <> pg_backend_pid()");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresTestServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            return new PostgresTestServer(given);
        }

        var bin = LocalPostgresCluster.FindBinaries() ?? throw new InvalidOperationException(
            "The PostgreSQL tests need a server: install Debian's PostgreSQL (apt-get install postgresql), which puts initdb and "
            + $"pg_ctl in /usr/lib/postgresql/<version>/bin, or set {EnvironmentVariable} to the connection string of a server "
            + "where the tests may create databases.");

        // Durability is not what these tests check: without fsync a test database is made and filled in a moment.
        var cluster = await LocalPostgresCluster.StartAsync(bin, "wazzupadmin-tests", durable: false, "max_connections=400");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.StopAsync(immediate: true).GetAwaiter().GetResult();
        var admin = cluster.AdminConnection();
        // Every test database has a pool of its own; none keeps idle connections for long.
        admin.ConnectionIdleLifetime = 10;
        return new PostgresTestServer(admin.ToString());
    }
}
