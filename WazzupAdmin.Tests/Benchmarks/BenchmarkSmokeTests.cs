using WazzupAdmin.Benchmarks;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Benchmarks;

/// <summary>
/// The benchmark program's own entry logic on a tiny store, so that a change to the app that breaks it is noticed here
/// and not on the next benchmark run. It checks that the report is produced, never how fast anything was.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task A_tiny_run_reports_the_distribution_query_and_http_tables()
    {
        var options = BenchmarkOptions.Parse(["--quick", "--only", "distribution,queries,http", "--clients", "10", "--scale", "0.001", "--out", "-"]);
        using var log = new StringWriter();

        var report = await WazzupAdmin.Benchmarks.Program.RunAsync(options, log);

        Assert.DoesNotContain("Not measured", report);
        Assert.Contains("| CPU |", report);
        Assert.Contains("## Distribution of new clients", report);
        foreach (var producers in DistributionBenchmark.ProducerCounts)
        {
            Assert.Contains($"| First responder | {producers} | 10 |", report);
            Assert.Contains($"| In turn | {producers} | 10 |", report);
        }

        Assert.Contains("One-row commit rate", report);
        Assert.Contains("### The limit: the same rows by plain prepared statements", report);
        // In turn writes the contact, its chat, the deal and its link, the conversation, the message and the assignment.
        Assert.Matches(@"\| In turn \| 32 \| [1-9]\d* \| [\d.]+ \| 7 \| [1-9]\d* \| [1-9]\d* \|", report);
        Assert.Contains("## Queries at scale", report);
        Assert.Matches(@"\| Deals dropdown [^\n]*\| [1-9]\d* rows \|", report);
        Assert.Matches(@"\| Conversation list, first page \(sales rep[^\n]*\| [1-9]\d* rows \|", report);
        Assert.Matches(@"\| Conversation list, first page \(manager[^\n]*\| [1-9]\d* rows \|", report);
        Assert.Matches(@"\| Routing numbers of a channel, 30 days [^\n]*\| [1-9]\d* rows \|", report);
        Assert.Contains("## New clients end to end over HTTP", report);
        foreach (var connections in HttpLoadBenchmark.ConnectionCounts)
        {
            Assert.Matches($@"\| Bare minimal API \(the limit\) \| {connections} \| 10 \| [1-9]\d* \|", report);
            Assert.Matches($@"\| `POST /v3/simulator/messages`, in turn \| {connections} \| 10 \| [1-9]\d* \|", report);
        }

        Assert.DoesNotContain("## Chat window", report);
    }

    /// <summary>
    /// The PostgreSQL parts on a throwaway cluster of the program's own (or, with the PostgreSQL tests' server variable
    /// set, on that server): one and two instances, each run checked, both raw commit rates, the queries.
    /// </summary>
    [Fact]
    [Trait("Category", "Postgres")]
    public async Task A_tiny_run_on_PostgreSQL_reports_one_and_two_instances_rightly_distributed_beside_both_raw_commit_rates()
    {
        List<string> arguments = ["--quick", "--store", "postgres", "--only", "distribution,queries", "--clients", "10", "--scale", "0.001", "--out", "-"];
        var given = Environment.GetEnvironmentVariable(PostgresTestServer.EnvironmentVariable);
        if (!string.IsNullOrEmpty(given))
        {
            arguments.AddRange(["--postgres", given]);
        }

        using var log = new StringWriter();

        var report = await WazzupAdmin.Benchmarks.Program.RunAsync(BenchmarkOptions.Parse(arguments), log);

        Assert.DoesNotContain("Not measured", report);
        Assert.DoesNotContain("## Distribution of new clients", report);
        Assert.Contains("## PostgreSQL: distribution of new clients", report);
        if (string.IsNullOrEmpty(given))
        {
            // The program's own cluster waits for the disk at every commit, unlike the test suite's.
            Assert.Contains("fsync=on, synchronous_commit=on", report);
        }

        foreach (var producers in DistributionBenchmark.ProducerCounts)
        {
            Assert.Matches($@"\| In turn \| 1 \| {producers} \| 10 \| [1-9]\d* \|[^\n]*\| [1-9]\d* \| [\d.]+ \| right: shares \d+/\d+/\d+, 0 out of turn \|", report);
            Assert.Matches($@"\| First responder \| 1 \| {producers} \| 10 \| [1-9]\d* \|[^\n]*\| [1-9]\d* \| [\d.]+ \| right: 10 of 10 offered to the 4 reps, 0 assigned \|", report);
        }

        foreach (var producers in PostgresBenchmark.TwoInstanceProducerCounts)
        {
            Assert.Matches($@"\| In turn \| 2 \| {producers} \| 10 \| [1-9]\d* \|[^\n]*\| [1-9]\d* \| [\d.]+ \| right: shares \d+/\d+/\d+, 0 out of turn \|", report);
            Assert.Matches($@"\| First responder \| 2 \| {producers} \| 10 \| [1-9]\d* \|[^\n]*\| [1-9]\d* \| [\d.]+ \| right: 10 of 10 offered to the 4 reps, 0 assigned \|", report);
        }

        Assert.Matches(@"\| SQLite file [^\n]*\| 1 \| [1-9]\d* \|", report);
        foreach (var connections in PostgresBenchmark.CommitConnections)
        {
            Assert.Matches($@"\| PostgreSQL, plain Npgsql[^\n]*\| {connections} \| [1-9]\d* \|", report);
        }

        Assert.Contains("## PostgreSQL: queries at scale", report);
        Assert.Matches(@"\| Deals dropdown [^\n]*\| [1-9]\d* rows \|", report);
        Assert.Matches(@"\| Routing numbers of a channel, 30 days [^\n]*\| [1-9]\d* rows \|", report);
        Assert.Contains("generated by binary COPY", report);
    }

    [Fact]
    public void Unknown_parts_stores_and_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => BenchmarkOptions.Parse(["--only", "everything"]));
        Assert.Throws<ArgumentException>(() => BenchmarkOptions.Parse(["--store", "mysql"]));
        Assert.Throws<ArgumentException>(() => BenchmarkOptions.Parse(["--fast"]));
    }
}
