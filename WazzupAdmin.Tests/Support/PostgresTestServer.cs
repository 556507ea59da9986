using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Collections.Concurrent;
using Npgsql;

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

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException(
                "The PostgreSQL tests need a server: install Debian's PostgreSQL (apt-get install postgresql), which puts initdb and "
                + $"pg_ctl in /usr/lib/postgresql/<version>/bin, or set {EnvironmentVariable} to the connection string of a server "
                + "where the tests may create databases.");
        }

        var cluster = await LocalCluster.StartAsync(bin);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return new PostgresTestServer(cluster.ConnectionString);
    }

    /// <summary>A cluster in a temporary folder, run as the <c>postgres</c> user when the tests run as root.</summary>
    private sealed class LocalCluster
    {
        private readonly string bin;
        private readonly string folder;
        private readonly bool asPostgres;

        private LocalCluster(string bin, string folder, bool asPostgres, int port)
        {
            this.bin = bin;
            this.folder = folder;
            this.asPostgres = asPostgres;
            ConnectionString = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = port,
                Username = "postgres",
                Database = "postgres",
                // Every test database has a pool of its own; none keeps idle connections for long.
                ConnectionIdleLifetime = 10,
            }.ToString();
        }

        public string ConnectionString { get; }

        private string DataFolder => Path.Combine(folder, "data");

        public static async Task<LocalCluster> StartAsync(string bin)
        {
            var folder = Path.Combine(Path.GetTempPath(), "wazzupadmin-tests", "postgres-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var asPostgres = Environment.UserName == "root";
            if (asPostgres && !OperatingSystem.IsWindows())
            {
                // The server refuses to run as root: its folder belongs to the postgres user, who must reach it.
                await RunAsync("chown", ["postgres:postgres", folder]);
                File.SetUnixFileMode(Path.GetDirectoryName(folder)!,
                    File.GetUnixFileMode(Path.GetDirectoryName(folder)!) | UnixFileMode.OtherExecute | UnixFileMode.OtherRead);
            }

            var cluster = new LocalCluster(bin, folder, asPostgres, FreePort());
            await cluster.PgAsync("initdb", "-D", cluster.DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
            var port = new NpgsqlConnectionStringBuilder(cluster.ConnectionString).Port;
            // Durability is not what these tests check: without fsync a test database is made and filled in a moment.
            var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                + "-c full_page_writes=off -c max_connections=400";
            await cluster.PgAsync("pg_ctl", "-D", cluster.DataFolder, "-o", options, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start");
            return cluster;
        }

        public void Stop()
        {
            try
            {
                PgAsync("pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop").GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private Task PgAsync(string tool, params string[] arguments) =>
            asPostgres
                ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. arguments])
                : RunAsync(Path.Combine(bin, tool), arguments);

        private static async Task RunAsync(string file, string[] arguments)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await errors}");
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
