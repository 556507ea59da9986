namespace WazzupAdmin.Benchmarks;
public static class QueryBenchmark { public static Task<Section> RunAsync(BenchmarkOptions options, TextWriter log) => Task.FromResult(new Section("Queries")); }
