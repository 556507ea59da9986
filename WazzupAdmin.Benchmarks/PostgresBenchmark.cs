using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Instances;

namespace WazzupAdmin.Benchmarks;

/// <summary>
/// The distribution and query parts on PostgreSQL (Store:Provider = Postgres): new clients through one console and
/// through two consoles on one database (a load balancer's two instances, the producers split between them), each run
/// checked for the rotation's turns and shares and the first responder's offers; beside PostgreSQL's own one-row commit
/// rate on the same server and SQLite's on a file of the same machine.
/// </summary>
public static class PostgresBenchmark
{
    /// <summary>Producers for two instances: half of them call each one.</summary>
    public static readonly int[] TwoInstanceProducerCounts = [8, 32];

    /// <summary>Concurrent connections of the raw commit rate: one, and as many as the busiest distribution run has producers.</summary>
    public static readonly int[] CommitConnections = [1, 32];

    public static async Task<Section> DistributionAsync(PostgresServer server, BenchmarkOptions options, TextWriter log)
    {
        var duration = options.Quick ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(3);
        var commits = new Section("One-row commits per second, the raw rate of each store on this machine")
            .Columns("Store", "Connections", "Commits/s");
        await using (var sqlite = await AppHost.StartAsync(seedDemo: false, serve: false))
        {
            var rate = await DistributionBenchmark.RawCommitRateAsync(sqlite, duration);
            commits.Row("SQLite file (WAL, synchronous=NORMAL, the app's settings), one writer", "1", $"{rate:0}");
            log.WriteLine($"  SQLite raw commit rate: {rate:0}/s");
        }

        var rawDatabase = await server.CreateDatabaseAsync();
        double? singleCommits = null;
        foreach (var connections in CommitConnections)
        {
            var rate = await RawCommitRateAsync(rawDatabase, connections, duration);
            singleCommits ??= rate;
            commits.Row("PostgreSQL, plain Npgsql: one-row INSERT per commit (autocommit)", connections.ToString(CultureInfo.InvariantCulture), $"{rate:0}");
            log.WriteLine($"  PostgreSQL raw commit rate, {connections} connections: {rate:0}/s");
        }

        commits.Note("SQLite's figure is the same measure as the SQLite distribution section's reference: a one-row INSERT per BEGIN IMMEDIATE … COMMIT " +
            "on one connection of the app's file; under WAL with synchronous=NORMAL a commit does not wait for the disk (a crash of the machine may lose the last ones, " +
            "a crash of the app none). PostgreSQL's is a prepared one-row INSERT per statement, each its own transaction, on connections of its own over 127.0.0.1; " +
            "with synchronous_commit on each commit waits for its write-ahead log to be flushed to the disk, and concurrent commits share one flush (group commit).");

        var section = new Section("PostgreSQL: distribution of new clients")
            .Columns("Algorithm", "Instances", "Producers", "New clients", "Clients/s", "p50 ms", "p95 ms", "p99 ms", "Transactions", "Clients per transaction (mean)", "Checked");
        var channels = DistributionBenchmark.DemoChannels();
        var wrong = new List<string>();

        await using (var one = await AppHost.StartAsync(seedDemo: true, serve: false, postgres: await server.CreateDatabaseAsync()))
        {
            await RunAsync([one], DistributionBenchmark.ProducerCounts);
        }

        var shared = await server.CreateDatabaseAsync();
        await using (var first = await AppHost.StartAsync(seedDemo: true, serve: false, postgres: shared))
        await using (var second = await AppHost.StartAsync(seedDemo: false, serve: false, postgres: shared))
        {
            foreach (var host in new[] { first, second })
            {
                await host.Services.GetRequiredService<PostgresInstanceListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
            }

            await RunAsync([first, second], TwoInstanceProducerCounts);
        }

        section.Note($"Server: {server.Description}." + (server.Durable ? "" :
            " **This server does not wait for the disk at commit (fsync or synchronous_commit off): its figures are of a store that may lose committed clients and are not comparable.**"));
        section.Note("Each new client is one call of `IncomingMessageService.ReceiveAsync` of a console built as `Program.cs` builds it with `Store:Provider` = Postgres, " +
            "timed from the call to its return (committed and assigned), as in the SQLite section. Two instances are two such consoles in this process on one " +
            "database, each with its own writer, pool and LISTEN connection, the producers taking turns between them as a load balancer would; every " +
            "transaction of either takes the store's advisory lock, so the two decide one after the other as one writer of a SQLite file does. " +
            "Transactions are those the writers committed during the run (the `wazzupadmin.incoming.batch_size` histogram, both instances' writers together). " +
            $"One-row commit rate of the same server, one connection: **{singleCommits:0} commits/s** (the next table).");
        section.Note("Checked, after every run, from the database: as many new conversations as clients sent, each on a contact of its own; in turn, every " +
            "client assigned to the rep the rotation names after the previous one and the reps' counts within one of each other (the shares); first " +
            "responder, every client unassigned and offered to exactly the channel's sales reps who receive new clients.");
        if (wrong.Count > 0)
        {
            section.Note("**Wrong distribution:** " + string.Join(" ", wrong));
        }

        section.Subsections.Add(commits);
        return section;

        async Task RunAsync(AppHost[] hosts, int[] producerCounts)
        {
            var next = 0;
            // Warm-up on every instance: JIT, EF's compiled queries and the pools, not counted.
            foreach (var (_, _, channel) in channels)
            {
                await DistributionBenchmark.SendAsync(hosts, channel.Id, channel.Transport, hosts.Length, options.Quick ? 20 : 200, () => Interlocked.Increment(ref next));
            }

            foreach (var (name, algorithm, channel) in channels)
            {
                foreach (var producers in producerCounts)
                {
                    var count = options.Clients;
                    var after = await LastConversationAsync(hosts[0]);
                    TimeSpan elapsed;
                    Samples samples;
                    IReadOnlyList<int> batches;
                    // The writers of both instances report to the same meter in this process: the transactions of the two together.
                    using (var recorder = new RawRowsBenchmark.BatchRecorder())
                    {
                        (elapsed, samples) = await DistributionBenchmark.SendAsync(hosts, channel.Id, channel.Transport, producers, count, () => Interlocked.Increment(ref next));
                        batches = recorder.Sizes;
                    }

                    var rate = count / elapsed.TotalSeconds;
                    var (right, check) = await CheckAsync(hosts[0], channel, algorithm, after, count);
                    if (!right)
                    {
                        wrong.Add($"{name}, {hosts.Length} instance(s), {producers} producers: {check}.");
                    }

                    section.Row(name, hosts.Length.ToString(CultureInfo.InvariantCulture), producers.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture),
                        $"{rate:0}", Samples.Ms(samples.P50), Samples.Ms(samples.P95), Samples.Ms(samples.P99), batches.Count.ToString(CultureInfo.InvariantCulture),
                        batches.Count == 0 ? "–" : $"{batches.Average():0.0}", right ? $"right: {check}" : $"**wrong**: {check}");
                    log.WriteLine($"  PostgreSQL {algorithm} x{producers} on {hosts.Length} instance(s): {rate:0}/s p50 {samples.P50:0.00} ms p95 {samples.P95:0.00} ms p99 {samples.P99:0.00} ms in {batches.Count} transactions; {check}");
                }
            }
        }
    }

    public static async Task<Section> QueriesAsync(PostgresServer server, BenchmarkOptions options, TextWriter log)
    {
        await using var host = await AppHost.StartAsync(seedDemo: false, serve: false, postgres: await server.CreateDatabaseAsync());
        var section = await QueryBenchmark.MeasureAsync(host, "PostgreSQL: queries at scale", options, log);
        section.Note($"Server: {server.Description}. The same generated store, use cases and calls as the SQLite table, on a console with `Store:Provider` = Postgres.");
        return section;
    }

    private static async Task<long> LastConversationAsync(AppHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Conversations.MaxAsync(c => (long?)c.Id) ?? 0;
    }

    /// <summary>Whether the run's clients were distributed as the channel's algorithm says, and what was found.</summary>
    private static async Task<(bool Right, string Found)> CheckAsync(
        AppHost host, DemoWorkspace.DemoChannel channel, DistributionAlgorithm algorithm, long after, int count)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var conversations = await db.Conversations.AsNoTracking().Where(c => c.ChannelId == channel.Id && c.Id > after)
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.ContactId }).ToListAsync();
        if (conversations.Count != count || conversations.Select(c => c.ContactId).Distinct().Count() != count)
        {
            return (false, $"{conversations.Count} conversations on {conversations.Select(c => c.ContactId).Distinct().Count()} contacts for {count} clients");
        }

        var reps = channel.Access.Where(a => a.Role == ChannelRole.SalesRep && a.ReceivesNewClients).Select(a => a.UserId).Order(StringComparer.Ordinal).ToList();
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.ChannelId == channel.Id && a.ConversationId > after)
            .OrderBy(a => a.ConversationId).ThenBy(a => a.Id).Select(a => new { a.ConversationId, a.UserId }).ToListAsync();
        if (algorithm == DistributionAlgorithm.InTurn)
        {
            var assigned = assignments.Select(a => a.UserId).ToList();
            if (assigned.Count != count || assigned.Any(u => u is null || !reps.Contains(u)))
            {
                return (false, $"{assigned.Count} assignments for {count} clients, to {string.Join(", ", assigned.Distinct())}");
            }

            var outOfTurn = Enumerable.Range(1, count - 1).Count(k => assigned[k] != Rotation.Next(reps, assigned[k - 1]));
            var shares = reps.Select(r => assigned.Count(u => u == r)).ToList();
            var found = $"shares {string.Join("/", shares)}, {outOfTurn} out of turn";
            return (outOfTurn == 0 && shares.Max() - shares.Min() <= 1, found);
        }

        var offers = await db.ConversationOffers.AsNoTracking().Where(o => o.ConversationId > after).ToListAsync();
        var offeredTo = conversations.ToDictionary(c => c.Id, c => offers.Where(o => o.ConversationId == c.Id).Select(o => o.UserId).Order(StringComparer.Ordinal).ToList());
        var claimed = assignments.Count(a => a.UserId is not null);
        var offeredRight = offeredTo.Values.Count(o => o.SequenceEqual(reps));
        return (offeredRight == count && claimed == 0, $"{offeredRight} of {count} offered to the {reps.Count} reps, {claimed} assigned");
    }

    /// <summary>
    /// One-row INSERTs, each its own transaction, from <paramref name="connections"/> connections at once for
    /// <paramref name="duration"/>: commits per second of the server, with nothing of the app in between.
    /// </summary>
    private static async Task<double> RawCommitRateAsync(string connectionString, int connections, TimeSpan duration)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var create = dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS bench_commits (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at_utc timestamptz NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var commits = 0L;
        // The clock starts once every connection is open and its statement prepared: what is timed is commits only.
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var opened = 0;
        var watch = new Stopwatch();
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO bench_commits (at_utc) VALUES ($1)", connection);
            var at = insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz, Value = DateTime.UtcNow });
            await insert.PrepareAsync();
            if (Interlocked.Increment(ref opened) == connections)
            {
                watch.Start();
                ready.SetResult();
            }

            await ready.Task;
            var mine = 0L;
            while (watch.Elapsed < duration)
            {
                at.Value = DateTime.UtcNow;
                await insert.ExecuteNonQueryAsync();
                mine++;
            }

            Interlocked.Add(ref commits, mine);
        })).ToList();
        await Task.WhenAll(workers);
        watch.Stop();
        await using (var drop = dataSource.CreateCommand("DROP TABLE bench_commits"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        return commits / watch.Elapsed.TotalSeconds;
    }
}
