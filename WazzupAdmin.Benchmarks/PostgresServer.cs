using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
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
    private readonly LocalCluster? cluster;
    private readonly List<string> databases = [];

    private PostgresServer(string adminConnectionString, LocalCluster? cluster)
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
            var cluster = await LocalCluster.StartAsync();
            server = new PostgresServer(cluster.ConnectionString, cluster);
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

    /// <summary>A cluster in a temporary folder, run as the <c>postgres</c> user when the program runs as root (the server refuses root).</summary>
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
            ConnectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres" }.ToString();
        }

        public string ConnectionString { get; }

        private string DataFolder => Path.Combine(folder, "data");

        public static async Task<LocalCluster> StartAsync()
        {
            var bin = (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
                ?? throw new InvalidOperationException(
                    "PostgreSQL was not found: install Debian's PostgreSQL (apt-get install postgresql), which puts initdb and pg_ctl in "
                    + $"/usr/lib/postgresql/<version>/bin, or give a server with --postgres or {BenchmarkOptions.PostgresVariable}.");
            var root = Path.Combine(Path.GetTempPath(), "wazzupadmin-bench");
            var folder = Path.Combine(root, "postgres-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var asPostgres = Environment.UserName == "root";
            if (asPostgres && !OperatingSystem.IsWindows())
            {
                await RunAsync("chown", ["postgres:postgres", folder]);
                File.SetUnixFileMode(root, File.GetUnixFileMode(root) | UnixFileMode.OtherExecute | UnixFileMode.OtherRead);
            }

            var cluster = new LocalCluster(bin, folder, asPostgres, FreePort());
            try
            {
                await cluster.PgAsync("initdb", "-D", cluster.DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C");
                var port = new NpgsqlConnectionStringBuilder(cluster.ConnectionString).Port;
                // Durability said out loud rather than left to the defaults, since it is what the figures are about.
                var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on "
                    + $"-c max_connections=300 -c shared_buffers={SharedBuffers}";
                await cluster.PgAsync("pg_ctl", "-D", cluster.DataFolder, "-o", options, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start");
            }
            catch
            {
                await cluster.StopAsync();
                throw;
            }

            return cluster;
        }

        public async Task StopAsync()
        {
            if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
            {
                try
                {
                    await PgAsync("pg_ctl", "-D", DataFolder, "-m", "fast", "-w", "stop");
                }
                catch (InvalidOperationException)
                {
                    // Already stopped.
                }
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
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
