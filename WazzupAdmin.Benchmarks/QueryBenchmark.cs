using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data;
using WazzupAdmin.Domain.Distribution.Stats;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Routing;

namespace WazzupAdmin.Benchmarks;

/// <summary>
/// The chat window's queries on a generated store of a million deals, timed through the app's own use cases
/// (ChatReadingService) as a signed-in sales rep and manager would call them.
/// </summary>
public static class QueryBenchmark
{
    public static async Task<Section> RunAsync(BenchmarkOptions options, TextWriter log)
    {
        await using var host = await AppHost.StartAsync(seedDemo: false, serve: false);
        var size = StoreSize.Scaled(options.Scale);
        var factory = host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        string connectionString;
        await using (var db = await factory.CreateDbContextAsync())
        {
            connectionString = db.Database.GetConnectionString()!;
        }

        var generation = StoreGenerator.Generate(connectionString, size);
        log.WriteLine($"  generated {size.Users:N0} users, {size.Contacts:N0} contacts, {size.Deals:N0} deals, {size.Conversations:N0} conversations in {generation.TotalSeconds:0.0} s");

        var iterations = options.Quick ? 30 : 300;
        var section = new Section("Queries at scale")
            .Columns("Query", "Calls", "p50 ms", "p95 ms", "Goal (p95)", "");

        // The conversations of the rep's own clients: the Deals dropdown is opened on them in turn.
        var repConversations = Enumerable.Range(0, size.Conversations)
            .Where(i => StoreGenerator.ResponsibleOf(size, i) == StoreGenerator.RepUser && !StoreGenerator.Unclaimed(i))
            .Select(i => (long)i + 1)
            .ToList();

        await using var rep = await SignedInAsync(host, StoreGenerator.RepAccountId);
        await using var manager = await SignedInAsync(host, StoreGenerator.ManagerAccountId);
        var repChat = rep.ServiceProvider.GetRequiredService<ChatReadingService>();
        var managerChat = manager.ServiceProvider.GetRequiredService<ChatReadingService>();

        var next = 0;
        var deals = await TimeAsync(iterations, async () => (await repChat.DealsAsync(repConversations[next++ % repConversations.Count])).Count);
        Add(section, "Deals dropdown (sales rep, `ChatReadingService.DealsAsync`)", deals, goal: 2);
        var repList = await TimeAsync(iterations, async () => (await repChat.ListAsync()).Count);
        Add(section, "Conversation list, first page (sales rep, `ListAsync`)", repList, goal: 20);
        var managerList = await TimeAsync(iterations, async () => (await managerChat.ListAsync()).Count);
        Add(section, "Conversation list, first page (manager, `ListAsync`)", managerList, goal: 20);
        var repCount = await TimeAsync(iterations, () => repChat.UnansweredCountAsync());
        Add(section, "Unanswered counter (sales rep, `UnansweredCountAsync`)", repCount, goal: null);
        var managerCount = await TimeAsync(iterations, () => managerChat.UnansweredCountAsync());
        Add(section, "Unanswered counter (manager, `UnansweredCountAsync`)", managerCount, goal: null);

        await using var admin = await SignedInAsync(host, StoreGenerator.AdminAccountId, Roles.Administrator);
        var routingStats = admin.ServiceProvider.GetRequiredService<RoutingStatsService>();
        // The history spans 90 days: the last 30 hold about a third of channel 0's clients, the index skips the rest.
        var (from, to) = StoreGenerator.Last30Days;
        var period = StatsPeriod.For(StatsPreset.Custom, DateTimeOffset.UtcNow, from, to);
        var routed = size.Conversations / size.Channels * 30 / StoreGenerator.HistoryDays;
        var stats = await TimeAsync(options.Quick ? 10 : 50, async () => (await routingStats.LoadAsync(StoreGenerator.ChannelId(0), period))!.Reps.Count);
        Add(section, $"Routing numbers of a channel, 30 days (administrator, `RoutingStatsService.LoadAsync`, about {routed:N0} routed clients)", stats, goal: 200);

        section.Note($"Store: {size.Users:N0} CRM users in {size.Channels} channels (a manager, a quality control and sales reps each), {size.Contacts:N0} contacts, " +
            $"{size.Deals:N0} deals linked to them, {size.Conversations:N0} conversations with a message each (1 in 20 an unclaimed new client offered to three reps), " +
            $"each with its assignment entry, two in three of the others with the rep's reply, spread over {StoreGenerator.HistoryDays} days; " +
            $"generated with prepared INSERTs in one transaction in **{generation.TotalSeconds:0.0} s**. No ANALYZE is run, as in the app.");
        section.Note("Each figure is the whole use case as the chat window calls it (the account's CRM user, its channel roles, the query), " +
            $"{iterations} calls after {Math.Min(20, iterations)} warm-up calls. The rep is responsible for about {repConversations.Count:N0} conversations and " +
            $"{size.Deals / size.Users * 4 / 5:N0} deals; the manager sees every conversation of a channel ({size.Conversations / size.Channels:N0}).");
        return section;
    }

    private static void Add(Section section, string name, (Samples Samples, int Result) measured, double? goal)
    {
        var (samples, result) = measured;
        var verdict = goal is null ? "" : samples.P95 <= goal ? $"≤ {goal} ms: met" : $"≤ {goal} ms: missed";
        section.Row(name, samples.Count.ToString(CultureInfo.InvariantCulture), Samples.Ms(samples.P50), Samples.Ms(samples.P95), verdict, $"{result} rows");
    }

    private static async Task<(Samples Samples, int Result)> TimeAsync(int iterations, Func<Task<int>> call)
    {
        var result = 0;
        for (var i = 0; i < Math.Min(20, iterations); i++)
        {
            result = await call();
        }

        var samples = new Samples();
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            result = await call();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (samples, result);
    }

    /// <summary>A service scope whose authentication state is the account, as a signed-in circuit has it.</summary>
    private static async Task<AsyncServiceScope> SignedInAsync(AppHost host, string accountId, string? role = null)
    {
        var scope = host.Services.CreateAsyncScope();
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, accountId)];
        if (role is not null)
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "Benchmark"));
        var authentication = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        await Task.CompletedTask;
        return scope;
    }
}
