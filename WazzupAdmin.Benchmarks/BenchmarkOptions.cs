namespace WazzupAdmin.Benchmarks;

/// <summary>
/// <c>--quick</c>: small sizes, for a first look or a smoke test. <c>--only distribution,queries,http,chat</c>: some parts.
/// <c>--out PATH</c>: where the Markdown goes (default BENCHMARKS.md at the repository root; <c>--out -</c> writes none).
/// <c>--clients N</c>: new clients per distribution run and requests per HTTP run. <c>--scale X</c>: the generated store's size (1 = a million deals).
/// <c>--circuits N</c> and <c>--messages N</c>: the chat-window part's sizes.
/// <c>--store sqlite,postgres</c>: the stores the distribution and query parts run on (SQLite by default; the HTTP and
/// chat-window parts run on SQLite). <c>--postgres CONNECTION</c> (or <see cref="PostgresVariable"/>): a PostgreSQL
/// server where the program may create and drop databases; without it the program starts a throwaway cluster of its own.
/// </summary>
public sealed record BenchmarkOptions(
    bool Quick, IReadOnlySet<string> Parts, string? OutputPath, int Circuits, int Messages, double Scale, int Clients, IReadOnlySet<string> Stores,
    string? Postgres, string CommandLine)
{
    public const string PostgresVariable = "WAZZUP_BENCH_POSTGRES";
    public static readonly string[] AllParts = ["distribution", "queries", "http", "chat"];
    public static readonly string[] AllStores = ["sqlite", "postgres"];

    public bool Runs(string part) => Parts.Contains(part);

    public bool RunsOn(string store) => Stores.Contains(store);

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        var parts = new HashSet<string>(AllParts, StringComparer.OrdinalIgnoreCase);
        string? output = DefaultOutputPath();
        int? circuits = null;
        int? messages = null;
        double? scale = null;
        int? clients = null;
        var stores = new HashSet<string>(["sqlite"], StringComparer.OrdinalIgnoreCase);
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        List<string> shown = [];
        for (var i = 0; i < args.Count; i++)
        {
            var option = i;
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--only":
                    parts = new HashSet<string>(Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
                    if (parts.Except(AllParts, StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } unknown)
                    {
                        throw new ArgumentException($"Unknown part '{unknown}': use {string.Join(", ", AllParts)}.");
                    }

                    break;
                case "--out":
                    var path = Value(args, ref i);
                    output = path == "-" ? null : Path.GetFullPath(path);
                    // Where the report went is not how it was measured.
                    continue;
                case "--store":
                    stores = new HashSet<string>(Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
                    if (stores.Count == 0 || stores.Except(AllStores, StringComparer.OrdinalIgnoreCase).Any())
                    {
                        throw new ArgumentException($"Unknown store '{string.Join(",", stores)}': use {string.Join(", ", AllStores)}.");
                    }

                    break;
                case "--postgres":
                    postgres = Value(args, ref i);
                    // A connection string may hold a password.
                    shown.Add("--postgres …");
                    continue;
                case "--circuits":
                    circuits = int.Parse(Value(args, ref i), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--messages":
                    messages = int.Parse(Value(args, ref i), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--clients":
                    clients = int.Parse(Value(args, ref i), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--scale":
                    scale = double.Parse(Value(args, ref i), System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'. Options: --quick, --only distribution,queries,http,chat, --out PATH|-, --clients N, --circuits N, --messages N, --scale X, --store sqlite,postgres, --postgres CONNECTION.");
            }

            shown.AddRange(args.Skip(option).Take(i - option + 1));
        }

        var command = "dotnet run -c Release --project WazzupAdmin.Benchmarks" + (shown.Count > 0 ? " -- " + string.Join(' ', shown) : "");
        return new BenchmarkOptions(quick, parts, output, circuits ?? (quick ? 5 : 200), messages ?? (quick ? 10 : 200), scale ?? (quick ? 0.01 : 1), clients ?? (quick ? 100 : 4000),
            stores, postgres, command);
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    /// <summary>BENCHMARKS.md beside WazzupAdmin.sln, found from the working folder or the program's folder.</summary>
    private static string? DefaultOutputPath()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "WazzupAdmin.sln")))
                {
                    return Path.Combine(folder.FullName, "BENCHMARKS.md");
                }
            }
        }

        return Path.GetFullPath("BENCHMARKS.md");
    }
}
