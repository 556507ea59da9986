using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WazzupAdmin.Domain.Webhooks;

namespace WazzupAdmin.Tests.Webhooks;

/// <summary>One request the CRM received, as it arrived.</summary>
public sealed record ReceivedHook(string Body, string? Signature, string? EventIdHeader, int AnsweredWith)
{
    public JsonElement Json => JsonSerializer.Deserialize<JsonElement>(Body);

    public bool IsTest => Json.TryGetProperty("test", out _);

    public string? EventId => Json.TryGetProperty("eventId", out var id) ? id.GetString() : null;

    public string? Kind => Json.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => name != "eventId");

    public bool SignedWith(string secret) => Signature == WebhookDelivery.Signature(secret, Encoding.UTF8.GetBytes(Body));
}

/// <summary>
/// A CRM's webhook endpoint on a loopback port: records every request and answers what the test scripts
/// (200 unless told otherwise). It can be stopped (connections refused) and started again on the same port, and can
/// hold requests unanswered until released.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedHook> received = new();
    private readonly ConcurrentQueue<ReceivedHook> arrived = new();
    private WebApplication? server;
    private TaskCompletionSource? gate;

    private WebhookReceiver(int port) => Port = port;

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}/hooks";

    /// <summary>Decides the status of each event request (test requests get 200 unless <see cref="AnswerTests"/> says otherwise).</summary>
    public Func<ReceivedHook, int> Answer { get; set; } = _ => 200;

    public int AnswerTests { get; set; } = 200;

    public string AnswerBody { get; set; } = """{"ok":true}""";

    /// <summary>
    /// The body of the answer to each event request. By default a CRM's: createContact and createDeal are answered with
    /// the entity created, under an id of the CRM's own (<c>crm-contact-1</c>, <c>crm-deal-2</c>), anything else with
    /// <see cref="AnswerBody"/>.
    /// </summary>
    public Func<ReceivedHook, string>? AnswerBodyFor { get; set; }

    private int createdCount;

    private string DefaultAnswer(ReceivedHook hook) => hook.Kind switch
    {
        "createContact" => JsonSerializer.Serialize(new { id = $"crm-contact-{Interlocked.Increment(ref createdCount)}" }),
        "createDeal" => JsonSerializer.Serialize(new { id = $"crm-deal-{Interlocked.Increment(ref createdCount)}" }),
        _ => AnswerBody,
    };

    public IReadOnlyList<ReceivedHook> Requests => [.. received];

    public IReadOnlyList<ReceivedHook> Events => [.. received.Where(r => !r.IsTest)];

    /// <summary>Event requests as they arrived, answered or still held (their answer is not known yet).</summary>
    public IReadOnlyList<ReceivedHook> EventsArrived => [.. arrived.Where(r => !r.IsTest)];

    /// <summary>Events answered with a 2xx, in the order they arrived (held requests are not among them).</summary>
    public IReadOnlyList<ReceivedHook> Accepted => [.. Events.Where(r => r.AnsweredWith is >= 200 and < 300)];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver(FreePort());
        await receiver.StartAgainAsync();
        return receiver;
    }

    /// <summary>A receiver whose port refuses connections until <see cref="StartAgainAsync"/>.</summary>
    public static WebhookReceiver Stopped() => new(FreePort());

    /// <summary>From now on event requests wait unanswered until <see cref="Release"/>.</summary>
    public void Hold() => gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers the held requests (to whoever still listens) and stops holding.</summary>
    public void Release()
    {
        var held = gate;
        gate = null;
        held?.TrySetResult();
    }

    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapPost("/hooks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var hook = new ReceivedHook(body, request.Headers["X-Wazzup-Signature"], request.Headers["X-Wazzup-Event-Id"], 0);
            arrived.Enqueue(hook);
            if (!hook.IsTest && gate is { } waiting)
            {
                await waiting.Task;
            }

            var status = hook.IsTest ? AnswerTests : Answer(hook);
            if (request.HttpContext.RequestAborted.IsCancellationRequested)
            {
                // The sender gave up (it stopped): this request was never answered.
                return Results.Empty;
            }

            received.Enqueue(hook with { AnsweredWith = status });
            return Results.Text(hook.IsTest ? AnswerBody : AnswerBodyFor?.Invoke(hook) ?? DefaultAnswer(hook), "application/json", statusCode: status);
        });
        await app.StartAsync();
        server = app;
    }

    public async Task StopAsync()
    {
        if (server is not null)
        {
            Release();
            await server.StopAsync();
            await server.DisposeAsync();
            server = null;
        }
    }

    /// <summary>Waits, patiently, until <paramref name="condition"/> holds; fails with <paramref name="what"/> otherwise.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Still waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }

    public Task EventuallyAsync(Func<WebhookReceiver, bool> condition, string what) => EventuallyAsync(() => Task.FromResult(condition(this)), what);

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
