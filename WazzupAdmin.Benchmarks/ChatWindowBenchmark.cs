namespace WazzupAdmin.Benchmarks;
public static class ChatWindowBenchmark { public static Task<Section> RunAsync(BenchmarkOptions options, TextWriter log) => Task.FromResult(new Section("Chat")); }
