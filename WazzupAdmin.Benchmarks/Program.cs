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
        foreach (var (part, title, run) in new (string, string, Func<BenchmarkOptions, TextWriter, Task<Section>>)[]
        {
            ("distribution", "Distribution of new clients", DistributionBenchmark.RunAsync),
            ("queries", "Queries at scale", QueryBenchmark.RunAsync),
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

        var output = new StringBuilder();
        output.AppendLine("# Benchmarks").AppendLine();
        output.AppendLine("Produced by `dotnet run -c Release --project WazzupAdmin.Benchmarks" + (options.Quick ? " -- --quick" : "") + "`" +
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
