using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Tests.Support;
using WazzupAdmin.Tests.Webhooks;
using Xunit.Abstractions;

namespace WazzupAdmin.Tests.Concurrency;

/// <summary>
/// The console as an operator runs it, a real process on a SQLite file, killed (<c>kill -9</c>) in the middle of a burst
/// of new clients and started again on the same file: every client it answered is whole, nothing is half-written, the
/// file is sound, and the webhooks it had not delivered yet arrive after the restart.
/// </summary>
public sealed partial class CrashRecoveryTests(ITestOutputHelper log) : IDisposable
{
    private const int Clients = 240;
    private const int Concurrency = 16;

    /// <summary>The console is killed as soon as this many clients were answered, with the others still arriving.</summary>
    private const int KillAfter = 60;

    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(30);
    private static readonly DemoWorkspace.DemoChannel FirstResponderChannel = DemoWorkspace.Channels[0];
    private static readonly DemoWorkspace.DemoChannel InTurnChannel = DemoWorkspace.Channels[1];

    private readonly string folder = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "wazzupadmin-tests", "crash-" + Guid.NewGuid().ToString("N"))).FullName;
    private readonly int port = ConsoleProcess.FreeLoopbackPort();
    private readonly List<ConsoleProcess> processes = [];
    private WebhookReceiver? receiver;

    private string DatabasePath => Path.Combine(folder, "wazzupadmin.db");

    private Uri Address => new($"http://127.0.0.1:{port}/");

    /// <summary>One new client of the burst: a WhatsApp client of the first-responder channel or a Telegram client of the in-turn one.</summary>
    private sealed record NewClient(int Index, DemoWorkspace.DemoChannel Channel, string ChatType, string ChatId, string Name, string Text)
    {
        public bool InTurn => Channel.Id == InTurnChannel.Id;

        public static NewClient Numbered(int index) => index % 2 == 0
            ? new(index, FirstResponderChannel, "whatsapp", $"34611{index:D6}", $"Crash Client {index:D3}", $"Hello from crash client {index:D3}")
            : new(index, InTurnChannel, "telegram", $"crash_client_{index:D3}", $"Crash Client {index:D3}", $"Hello from crash client {index:D3}");
    }

    /// <summary>What the console answered a client it stored; <paramref name="OfferedTo"/> the user ids in order, comma-separated.</summary>
    private sealed record Answer(string ContactId, long ConversationId, string? ResponsibleUserId, string OfferedTo);

    [Fact]
    public async Task A_console_killed_mid_burst_keeps_every_answered_client_whole_and_delivers_the_pending_webhooks_after_a_restart()
    {
        receiver = await WebhookReceiver.StartAsync();
        var key = await CreateApiKeyAsync();
        var console = await StartConsoleAsync();
        using var api = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(15) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        await SubscribeAsync(api, console);

        // The CRM refuses every event until the console has been killed and started again: whatever the burst wrote is
        // still pending at the kill, and only the restarted console can deliver it.
        receiver.Answer = _ => 503;
        var turnsBefore = await TurnsAsync();
        var clients = Enumerable.Range(0, Clients).Select(NewClient.Numbered).ToList();
        var (answered, cutOff) = await BurstKilledMidwayAsync(api, clients, console);

        Assert.True(answered.Count >= KillAfter, $"Only {answered.Count} clients were answered before the burst ended.\n{console.Output}");
        Assert.True(cutOff > 0, $"The kill left no request unanswered ({answered.Count} answered).\n{console.Output}");

        var restarted = await StartConsoleAsync();
        var context = $"{answered.Count} answered, {cutOff} cut off by the kill.\nBefore the kill:\n{console.Output}\nAfter the restart:\n{restarted.Output}";

        Assert.Equal("ok", await IntegrityCheckAsync());
        var stored = new List<NewClient>();
        await using (var db = OpenStore())
        {
            foreach (var client in clients)
            {
                var whole = await WholeClientAsync(db, client, context);
                if (answered.TryGetValue(client.Index, out var answer))
                {
                    Assert.True(whole is not null, $"{client.Name} was answered but is not in the store. {context}");
                    Assert.Equal(answer, whole);
                }

                if (whole is not null)
                {
                    stored.Add(client);
                }
            }

            // The turn is saved in the same transaction as the clients it served: it counts exactly the clients stored.
            var turnsAfter = await TurnsAsync(db);
            foreach (var channel in new[] { FirstResponderChannel, InTurnChannel })
            {
                Assert.Equal(turnsBefore[channel.Id] + stored.Count(c => c.Channel.Id == channel.Id), turnsAfter[channel.Id]);
            }
        }

        // The CRM answers again: the restarted console delivers everything the killed one had written.
        receiver.Answer = _ => 200;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await using var db = OpenStore();
            var pending = await db.OutboxEvents.CountAsync(e => e.Status != OutboxStatus.Delivered);
            if (pending == 0)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{pending} webhooks still undelivered after the restart. {context}\nSince:\n{restarted.Output}");
            await Task.Delay(100);
        }

        await using (var db = OpenStore())
        {
            var written = await db.OutboxEvents.AsNoTracking().Select(e => e.EventId).ToListAsync();
            Assert.Subset(receiver.Accepted.Select(e => Guid.Parse(e.EventId!)).ToHashSet(), written.ToHashSet());
        }

        log.WriteLine(
            $"{answered.Count} of {Clients} clients answered before the kill, {cutOff} requests cut off; {stored.Count} clients stored "
            + $"({stored.Count - answered.Count} of them unanswered), {receiver.Accepted.Count} webhooks delivered after the restart.");
        var texts = receiver.Accepted.Where(e => e.Kind == WebhookKinds.Messages)
            .Select(e => e.Json.GetProperty("messages")[0].GetProperty("text").GetString()).ToHashSet();
        Assert.All(stored, c => Assert.Contains(c.Text, texts));
        Assert.Equal("ok", await IntegrityCheckAsync());
    }

    /// <summary>
    /// Sends the clients, <see cref="Concurrency"/> at a time, and kills the console once <see cref="KillAfter"/> were
    /// answered. Returns the answers by client and how many requests were under way when the console died.
    /// </summary>
    private static async Task<(IReadOnlyDictionary<int, Answer> Answered, int CutOff)> BurstKilledMidwayAsync(
        HttpClient api, List<NewClient> clients, ConsoleProcess console)
    {
        var answered = new ConcurrentDictionary<int, Answer>();
        var refused = new ConcurrentBag<string>();
        var cutOff = 0;
        var dead = 0;
        var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The kill comes from its own task while the requests keep going, once half the slots hold a request under way:
        // answers come back a batch at a time (the writer may answer every request in flight in one transaction), and a
        // kill right after the answer that reached the count could find nothing in flight.
        var inFlight = 0;
        var killing = Task.Run(async () =>
        {
            await killNow.Task;
            var waited = Stopwatch.StartNew();
            for (var poll = 0; poll < 5_000 && Volatile.Read(ref inFlight) < Concurrency / 2 && waited.Elapsed < TimeSpan.FromSeconds(5); poll++)
            {
                await Task.Delay(1);
            }

            console.Kill();
            Volatile.Write(ref dead, 1);
        });
        using var slots = new SemaphoreSlim(Concurrency);
        var sending = clients.Select(async client =>
        {
            await slots.WaitAsync();
            var sent = false;
            try
            {
                if (Volatile.Read(ref dead) == 1)
                {
                    return;
                }

                sent = true;
                Interlocked.Increment(ref inFlight);
                using var response = await api.PostAsJsonAsync("/v3/simulator/messages", new
                {
                    channelId = client.Channel.Id,
                    chatType = client.ChatType,
                    chatId = client.ChatId,
                    name = client.Name,
                    text = client.Text,
                });
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    refused.Add($"{client.Name}: {(int)response.StatusCode} {body}");
                    return;
                }

                answered[client.Index] = Parse(body);
                if (answered.Count >= KillAfter)
                {
                    killNow.TrySetResult();
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
            {
                Interlocked.Increment(ref cutOff);
            }
            finally
            {
                if (sent)
                {
                    Interlocked.Decrement(ref inFlight);
                }

                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(sending);
        killNow.TrySetResult();
        await killing;

        Assert.True(refused.IsEmpty, "The console refused clients of the burst:\n" + string.Join("\n", refused));
        Assert.True(answered.Count < clients.Count, $"Every client was answered before the console was killed.\n{console.Output}");
        return (answered, cutOff);
    }

    private static Answer Parse(string body)
    {
        var json = JsonSerializer.Deserialize<JsonElement>(body);
        return new Answer(
            json.GetProperty("contactId").GetString()!,
            json.GetProperty("conversationId").GetInt64(),
            json.TryGetProperty("responsibleUserId", out var responsible) && responsible.ValueKind == JsonValueKind.String ? responsible.GetString() : null,
            string.Join(",", json.GetProperty("offeredTo").EnumerateArray().Select(u => u.GetString()!).Order(StringComparer.Ordinal)));
    }

    /// <summary>
    /// The client as the store holds it, checked whole: its contact and chat, one deal in the channel's stage, the
    /// conversation with its one message, the assignment (and the offers in first responder), and the webhook events of a
    /// new client. Null when nothing of the client was stored; a client only partly stored fails here.
    /// </summary>
    private static async Task<Answer?> WholeClientAsync(AppDbContext db, NewClient client, string context)
    {
        var chat = await db.ContactChats.AsNoTracking().FirstOrDefaultAsync(c => c.ChatType == client.ChatType && c.ChatId == client.ChatId);
        if (chat is null)
        {
            string[] leftovers =
            [
                .. await db.Contacts.Where(c => c.Name == client.Name).Select(c => "contact " + c.Id).ToListAsync(),
                .. await db.Deals.Where(d => d.Name.StartsWith(client.Name + ":")).Select(d => "deal " + d.Id).ToListAsync(),
                .. await db.Messages.Where(m => m.Text == client.Text).Select(m => "message " + m.Id).ToListAsync(),
                .. await db.OutboxEvents.Where(e => e.Payload.Contains(client.Text)).Select(e => "event " + e.Kind).ToListAsync(),
            ];
            Assert.True(leftovers.Length == 0, $"{client.Name} has no contact but left {string.Join(", ", leftovers)}. {context}");
            return null;
        }

        var what = $"{client.Name} ({chat.ContactId}) is not whole: ";
        var contact = await db.Contacts.AsNoTracking().Include(c => c.Deals).SingleAsync(c => c.Id == chat.ContactId);
        Assert.True(contact.Name == client.Name, what + $"its contact is named {contact.Name}. {context}");
        var deal = Assert.Single(contact.Deals);
        Assert.True(
            (deal.FunnelId, deal.StageId, deal.ResponsibleUserId) == (client.Channel.FunnelId, client.Channel.StageId, contact.ResponsibleUserId),
            what + $"its deal is in {deal.FunnelId}/{deal.StageId} with {deal.ResponsibleUserId}. {context}");

        var conversation = await db.Conversations.AsNoTracking().Include(c => c.Messages).Include(c => c.Offers)
            .SingleOrDefaultAsync(c => c.ContactId == contact.Id);
        Assert.True(conversation is not null, what + $"no conversation. {context}");
        Assert.True(
            (conversation.ChannelId, conversation.NewClientDealId) == (client.Channel.Id, deal.Id),
            what + $"its conversation is on {conversation.ChannelId} for deal {conversation.NewClientDealId}. {context}");
        var message = Assert.Single(conversation.Messages);
        Assert.True(message.Incoming && message.Text == client.Text, what + $"its message is '{message.Text}'. {context}");

        var assignment = Assert.Single(await db.Assignments.AsNoTracking().Where(a => a.ConversationId == conversation.Id).ToListAsync());
        Assert.True(assignment.UserId == contact.ResponsibleUserId, what + $"assigned to {assignment.UserId}, responsible {contact.ResponsibleUserId}. {context}");
        string[] offeredTo = [.. conversation.Offers.Select(o => o.UserId).Order(StringComparer.Ordinal)];
        if (client.InTurn)
        {
            Assert.True(contact.ResponsibleUserId is not null && offeredTo.Length == 0, what + $"in turn, yet responsible {contact.ResponsibleUserId}, offered to {offeredTo.Length}. {context}");
        }
        else
        {
            Assert.True(contact.ResponsibleUserId is null && offeredTo.Length > 0, what + $"first responder, yet responsible {contact.ResponsibleUserId}, offered to {offeredTo.Length}. {context}");
        }

        // In turn the CRM is asked to create the client at once; a first-responder client waits for a rep's reply.
        string[] expectedEvents = client.InTurn
            ? [WebhookKinds.CreateContact, WebhookKinds.CreateDeal, WebhookKinds.ResponsibleChanged, WebhookKinds.Messages]
            : [WebhookKinds.Messages];
        var events = await db.OutboxEvents.AsNoTracking().Where(e => e.OrderingKey == contact.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync();
        Assert.True(events.SequenceEqual(expectedEvents), what + $"its webhook events are [{string.Join(", ", events)}]. {context}");

        return new Answer(contact.Id, conversation.Id, contact.ResponsibleUserId, string.Join(",", offeredTo));
    }

    private async Task<string> CreateApiKeyAsync()
    {
        using var command = Start("create-api-key", "--name", "Crash probe");
        var exitCode = await command.WaitForExitAsync(StartPatience);
        var key = KeyLine().Match(command.Output);
        Assert.True(exitCode == 0 && key.Success, $"create-api-key ended with {exitCode}. Its output:\n{command.Output}");
        return key.Value;
    }

    private async Task<ConsoleProcess> StartConsoleAsync()
    {
        var console = Start();
        await console.WaitUntilHealthyAsync(Address, StartPatience);
        return console;
    }

    private async Task SubscribeAsync(HttpClient api, ConsoleProcess console)
    {
        using var response = await api.PatchAsJsonAsync("/v3/webhooks", new
        {
            webhooksUri = receiver!.Address,
            subscriptions = new { messagesAndStatuses = true, contactsAndDealsCreation = true, channelsUpdates = false },
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Subscribing answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{console.Output}");
    }

    private ConsoleProcess Start(params string[] arguments)
    {
        var process = ConsoleProcess.Start(folder, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/'),
            [$"ConnectionStrings__{DatabaseSetup.ConnectionStringName}"] = $"Data Source={DatabasePath}",
            ["DataProtection__KeysFolder"] = Path.Combine(folder, "keys"),
            ["Demo__Seed"] = "true",
            // The receiver listens on 127.0.0.1; retries come in milliseconds so that the restarted console delivers while the test waits.
            ["Webhooks__AllowPrivateNetworks"] = "true",
            ["Webhooks__PollInterval"] = "00:00:00.200",
            ["Webhooks__RetryBase"] = "00:00:00.050",
            ["Webhooks__RetryCap"] = "00:00:00.500",
            ["Webhooks__ImmediateRetries"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        }, arguments);
        processes.Add(process);
        return process;
    }

    private AppDbContext OpenStore() =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString()).Options);

    private async Task<Dictionary<Guid, long>> TurnsAsync()
    {
        await using var db = OpenStore();
        return await TurnsAsync(db);
    }

    private static async Task<Dictionary<Guid, long>> TurnsAsync(AppDbContext db)
    {
        var turns = await db.ChannelTurns.AsNoTracking().ToDictionaryAsync(t => t.ChannelId, t => t.ClientsDistributed);
        return DemoWorkspace.Channels.ToDictionary(c => c.Id, c => turns.GetValueOrDefault(c.Id));
    }

    private async Task<string> IntegrityCheckAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("\n", lines);
    }

    [GeneratedRegex("^wz_[0-9a-f]{64}$", RegexOptions.Multiline)]
    private static partial Regex KeyLine();

    public void Dispose()
    {
        foreach (var process in processes)
        {
            process.Dispose();
        }

        receiver?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the system's temp cleaning.
        }
    }
}
