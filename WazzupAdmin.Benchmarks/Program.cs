using System.Globalization;
using System.Text;

namespace WazzupAdmin.Benchmarks;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        var report = await RunAsync(options, Console.Out);
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.OutputPath is not null)
        {
            await File.WriteAllTextAsync(options.OutputPath, report);
            Console.WriteLine($"Written to {options.OutputPath}");
        }

        return 0;
    }

    /// <summary>Runs the chosen parts and returns the Markdown report (machine, tables, notes).</summary>
    public static async Task<string> RunAsync(BenchmarkOptions options, TextWriter log)
    {
        var sections = new List<Section>();
        // One PostgreSQL server for every part that runs on it, started by the first and stopped at the end.
        Task<PostgresServer>? postgres = null;
        Func<BenchmarkOptions, TextWriter, Task<Section>> OnPostgres(Func<PostgresServer, BenchmarkOptions, TextWriter, Task<Section>> run) =>
            async (o, l) => await run(await (postgres ??= PostgresServer.StartAsync(o.Postgres, l)), o, l);

        var sqlite = options.RunsOn("sqlite");
        var onPostgres = options.RunsOn("postgres");
        try
        {
            // A part on a store not chosen has no name, so --only never selects it.
            foreach (var (part, title, run) in new (string, string, Func<BenchmarkOptions, TextWriter, Task<Section>>)[]
            {
                (sqlite ? "distribution" : "", "Distribution of new clients", DistributionBenchmark.RunAsync),
                (onPostgres ? "distribution" : "", "PostgreSQL: distribution of new clients", OnPostgres(PostgresBenchmark.DistributionAsync)),
                (sqlite ? "queries" : "", "Queries at scale", QueryBenchmark.RunAsync),
                (onPostgres ? "queries" : "", "PostgreSQL: queries at scale", OnPostgres(PostgresBenchmark.QueriesAsync)),
                ("http", "New clients end to end over HTTP", HttpLoadBenchmark.RunAsync),
                ("chat", "Chat window", ChatWindowBenchmark.RunAsync),
            })
            {
                if (!options.Runs(part))
                {
                    continue;
                }

                log.WriteLine($"{title}…");
                try
                {
                    sections.Add(await run(options, log));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // One part failing still leaves the others' figures in the report, with the failure said plainly.
                    log.WriteLine($"  failed: {e}");
                    var failed = new Section(title);
                    failed.Note($"**Not measured: the run failed** — {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                    sections.Add(failed);
                }
            }
        }
        finally
        {
            if (postgres is { IsCompletedSuccessfully: true })
            {
                await (await postgres).DisposeAsync();
            }
        }

        var output = new StringBuilder();
        output.AppendLine("# Benchmarks").AppendLine();
        output.AppendLine("Produced by `" + options.CommandLine + "`" +
            (options.Quick ? " (quick run: small sizes, not the figures the goals are about)." : ".")).AppendLine();
        output.AppendLine("| Machine | |").AppendLine("|---|---|");
        foreach (var (name, value) in Machine.Describe())
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");
        }

        output.AppendLine();
        foreach (var section in sections)
        {
            section.Write(output);
        }

        return output.ToString();
    }
}
