using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Api;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Services.Api;

namespace WazzupAdmin.Benchmarks;

/// <summary>
/// New clients the way a CRM's test or a messenger gateway sends them: <c>POST /v3/simulator/messages</c> over HTTP/1.1
/// through Kestrel on a loopback port, with an API key, the app's whole pipeline (authentication, rate limiting,
/// JSON) and the store on disk, at 1, 8 and 32 concurrent connections, each connection sending its next request when
/// the previous answered. Beside it, the limit: a bare minimal-API endpoint on the same Kestrel and pipeline that reads the
/// same JSON body and answers a small JSON document without touching the store.
/// </summary>
public static class HttpLoadBenchmark
{
    public static readonly int[] ConnectionCounts = [1, 8, 32];

    private const string BarePath = "/benchmark/bare";

    public static async Task<Section> RunAsync(BenchmarkOptions options, TextWriter log)
    {
        // The key's limit is raised for the run: the real product's 500 requests in 5 seconds would measure the limiter.
        await using var host = await AppHost.StartAsync(seedDemo: true, serve: true,
            settings: new Dictionary<string, string?>
            {
                [$"{ApiLimitOptions.Section}:RateLimit:PermitLimit"] = "100000000",
                [$"{ApiLimitOptions.Section}:RateLimit:WindowSeconds"] = "1",
            },
            endpoints: app => app.MapPost(BarePath, (SimulatedMessageRequest body) => Results.Ok(new { ok = true, chatId = body.ChatId })).AllowAnonymous());
        var key = await CreateKeyAsync(host);
        var channels = DistributionBenchmark.DemoChannels();
        var requests = options.Clients;
        var section = new Section("New clients end to end over HTTP")
            .Columns("Endpoint", "Connections", "Requests", "Requests/s", "p50 ms", "p99 ms", "Share of the bare endpoint", "Goal (32 connections)");
        var next = 0;
        using var client = Client(host.Address!, key, ConnectionCounts[^1]);
        // Warm-up of every endpoint, at one connection and at the most, and of the connections, not counted. Two rounds: the
        // runtime recompiles a hot method with full optimisation only once no new method has been compiled for a moment,
        // so after one round the first runs measured still ran partly on first-tier code (first responder at 1 connection
        // at about half its settled rate).
        var warmUp = options.Quick ? 64 : 500;
        for (var round = 0; round < 2; round++)
        {
            foreach (var connections in (int[])[ConnectionCounts[^1], 1])
            {
                await DriveAsync(client, BarePath, channels[0].Channel, connections, 2 * warmUp, ref next);
                foreach (var (_, _, channel) in channels)
                {
                    await DriveAsync(client, "/v3/simulator/messages", channel, connections, warmUp, ref next);
                }
            }
        }

        var missed = new List<string>();
        foreach (var connections in ConnectionCounts)
        {
            var bare = await DriveAsync(client, BarePath, channels[0].Channel, connections, requests, ref next);
            section.Row("Bare minimal API (the limit)", connections.ToString(CultureInfo.InvariantCulture), requests.ToString(CultureInfo.InvariantCulture), $"{bare.Rate:0}",
                Samples.Ms(bare.Samples.P50), Samples.Ms(bare.Samples.P99), "", "");
            log.WriteLine($"  bare x{connections}: {bare.Rate:0}/s p50 {bare.Samples.P50:0.00} ms p99 {bare.Samples.P99:0.00} ms");
            foreach (var (name, _, channel) in channels)
            {
                var run = await DriveAsync(client, "/v3/simulator/messages", channel, connections, requests, ref next);
                var share = run.Rate / bare.Rate;
                var goal = "";
                if (connections == ConnectionCounts[^1])
                {
                    var met = share >= 0.5 && run.Samples.P99 <= 50;
                    goal = met ? "met" : "missed";
                    if (!met)
                    {
                        missed.Add($"{name}: {share:P0} of the bare endpoint's rate, p99 {run.Samples.P99:0.0} ms");
                    }
                }

                section.Row($"`POST /v3/simulator/messages`, {name.ToLowerInvariant()}", connections.ToString(CultureInfo.InvariantCulture),
                    requests.ToString(CultureInfo.InvariantCulture), $"{run.Rate:0}", Samples.Ms(run.Samples.P50), Samples.Ms(run.Samples.P99), $"{share:P0}", goal);
                log.WriteLine($"  {name} x{connections}: {run.Rate:0}/s p50 {run.Samples.P50:0.00} ms p99 {run.Samples.P99:0.00} ms");
            }
        }

        section.Note("Each request is a new client (a phone number not seen before) through the load driver of this program: one HttpClient with at most " +
            "as many HTTP/1.1 keep-alive connections as concurrent senders, each sender sending its next request when the previous one was answered " +
            "(a closed loop), timed from the request to the last byte of the answer. Every answer must be 200 with the stored client; an error fails the run. " +
            "The driver and the server share this machine's cores and one process, as a load generator on the same host would share the cores. " +
            "The API key's rate limit (500 requests in 5 seconds, as in the real product) is raised for the run through `Api:RateLimit`. " +
            "The bare endpoint is a minimal API mapped beside the app's on the same Kestrel and middleware, reading the same JSON body and " +
            "answering a small JSON document, without authentication or store. Goal at 32 connections: ≥ 50 % of the bare endpoint's rate, p99 ≤ 50 ms.");
        if (missed.Count > 0)
        {
            section.Note("**Goal missed** — " + string.Join("; ", missed) + ".");
        }

        return section;
    }

    private static async Task<string> CreateKeyAsync(AppHost host)
    {
        using var scope = host.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateFromCommandLineAsync("Benchmark load driver");
        return created.Created?.Key ?? throw new InvalidOperationException("The benchmark's API key could not be created.");
    }

    private static HttpClient Client(Uri address, string key, int connections)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
        })
        {
            BaseAddress = address,
            DefaultRequestVersion = HttpVersion.Version11,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static Task<(double Rate, Samples Samples)> DriveAsync(HttpClient client, string path, DemoWorkspace.DemoChannel channel, int connections, int count, ref int next)
    {
        var first = next;
        next += count;
        return DriveAsync(client, path, channel, connections, count, first);
    }

    private static async Task<(double Rate, Samples Samples)> DriveAsync(HttpClient client, string path, DemoWorkspace.DemoChannel channel, int connections, int count, int first)
    {
        var samples = new Samples();
        var remaining = count;
        var issued = first;
        var chatType = channel.Transport.ClientChatType().ApiName();
        var watch = Stopwatch.StartNew();
        var senders = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var n = Interlocked.Increment(ref issued);
                var chatId = channel.Transport == Transport.WhatsApp ? $"346{n:D8}" : $"{800_000_000 + n}";
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsJsonAsync(path, new SimulatedMessageRequest(channel.Id, chatType, chatId, $"Client {n}", "Hello, is this available?"));
                var body = await response.Content.ReadAsStringAsync();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK || (path != BarePath && !body.Contains("\"newClient\":true", StringComparison.Ordinal)))
                {
                    throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {body}");
                }
            }

            samples.AddRange(latencies);
        })).ToList();
        await Task.WhenAll(senders);
        watch.Stop();
        return (count / watch.Elapsed.TotalSeconds, samples);
    }
}
