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
        if (options.Runs("distribution"))
        {
            log.WriteLine("Distribution of new clients…");
            sections.Add(await DistributionBenchmark.RunAsync(options, log));
        }

        if (options.Runs("queries"))
        {
            log.WriteLine("Queries at scale…");
            sections.Add(await QueryBenchmark.RunAsync(options, log));
        }

        if (options.Runs("chat"))
        {
            log.WriteLine("Chat window…");
            sections.Add(await ChatWindowBenchmark.RunAsync(options, log));
        }

        var output = new StringBuilder();
        output.AppendLine("# Benchmarks").AppendLine();
        output.AppendLine("Produced by `dotnet run -c Release --project WazzupAdmin.Benchmarks" + (options.Quick ? " -- --quick" : "") + "`" +
            (options.Quick ? " (quick run: small sizes, not the figures the goals are about)." : ".")).AppendLine();
        output.AppendLine("| Machine | |").AppendLine("|---|---|");
        foreach (var (name, value) in Machine.Describe())
        {
            output.AppendLine($"| {name} | {value} |");
        }

        output.AppendLine();
        foreach (var section in sections)
        {
            section.Write(output);
        }

        return output.ToString();
    }
}
