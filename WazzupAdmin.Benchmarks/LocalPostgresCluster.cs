using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace WazzupAdmin.Benchmarks;

/// <summary>
/// A throwaway cluster of this machine's PostgreSQL (<c>/usr/lib/postgresql/*/bin</c>) in a temporary folder on a free
/// loopback port, run as the <c>postgres</c> user when the process runs as root (the server refuses root). The benchmark
/// runs it durable, as a production server is; the test suite without fsync, since durability is not what it checks.
/// </summary>
public sealed class LocalPostgresCluster
{
    private readonly string bin;
    private readonly string folder;
    private readonly bool asPostgres;

    private LocalPostgresCluster(string bin, string folder, bool asPostgres, int port)
    {
        this.bin = bin;
        this.folder = folder;
        this.asPostgres = asPostgres;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The superuser's connection to the cluster's <c>postgres</c> database, to be completed by the caller.</summary>
    public NpgsqlConnectionStringBuilder AdminConnection() =>
        new() { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = "postgres" };

    private string DataFolder => Path.Combine(folder, "data");

    /// <summary>The newest PostgreSQL's <c>bin</c> folder with <c>initdb</c> and <c>pg_ctl</c>, or null when none is installed.</summary>
    public static string? FindBinaries() =>
        (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();

    /// <param name="purpose">Names the temporary folder the clusters of one kind share.</param>
    /// <param name="durable">fsync, synchronous_commit and full_page_writes on (and the initdb synced); all off otherwise.</param>
    /// <param name="settings">Further server settings, <c>-c name=value</c> each.</param>
    public static async Task<LocalPostgresCluster> StartAsync(string bin, string purpose, bool durable, params string[] settings)
    {
        var root = Path.Combine(Path.GetTempPath(), purpose);
        var folder = Path.Combine(root, "postgres-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres && !OperatingSystem.IsWindows())
        {
            // The folder belongs to the postgres user, who must reach it.
            await RunAsync("chown", ["postgres:postgres", folder]);
            File.SetUnixFileMode(root, File.GetUnixFileMode(root) | UnixFileMode.OtherExecute | UnixFileMode.OtherRead);
        }

        var cluster = new LocalPostgresCluster(bin, folder, asPostgres, FreePort());
        try
        {
            await cluster.PgAsync("initdb", ["-D", cluster.DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", .. durable ? Array.Empty<string>() : ["--no-sync"]]);
            // Durability said out loud rather than left to the defaults.
            var durability = durable ? "on" : "off";
            var options = $"-p {cluster.Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync={durability} -c synchronous_commit={durability} "
                + $"-c full_page_writes={durability}" + string.Concat(settings.Select(s => $" -c {s}"));
            await cluster.PgAsync("pg_ctl", "-D", cluster.DataFolder, "-o", options, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start");
        }
        catch
        {
            await cluster.StopAsync(immediate: true);
            throw;
        }

        return cluster;
    }

    /// <summary>Stops the server (at once, or letting it write its checkpoint) and deletes its folder.</summary>
    public async Task StopAsync(bool immediate = false)
    {
        if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            try
            {
                await PgAsync("pg_ctl", "-D", DataFolder, "-m", immediate ? "immediate" : "fast", "-w", "stop");
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
