using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WazzupAdmin.Data;
using WazzupAdmin.Services.Webhooks;

namespace WazzupAdmin.Services.Chat;

/// <summary>
/// The one writer of clients' messages. SQLite admits one writer at a time, so concurrent messages would only queue for
/// the write lock, each paying for a transaction, a context and the channel's rules of its own. Instead they queue here
/// and are stored in batches: whatever arrived while the previous batch was being written goes into one transaction
/// (<see cref="IncomingBatch"/>), up to <see cref="MaxBatch"/> messages. A lone message is a batch of one, written at
/// once. Each caller's task completes when its message has committed, so "received" still means stored and assigned.
/// <para>
/// A batch is all or nothing. If storing one fails, every message in it is written again on its own, so a message the
/// store refuses fails only its own caller and no other message is lost.
/// </para>
/// </summary>
public sealed class IncomingMessageWriter : IAsyncDisposable, IDisposable
{
    public const int MaxBatch = 128;

    /// <summary>The meter of the writer's figures, for dotnet-counters, OpenTelemetry or the benchmark program.</summary>
    public const string MeterName = "WazzupAdmin.IncomingMessages";

    /// <summary>How many messages each committed transaction stored.</summary>
    public const string BatchSizeInstrument = "wazzupadmin.incoming.batch_size";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<int> BatchSizes = Meter.CreateHistogram<int>(BatchSizeInstrument, "{message}", "Messages stored in one transaction");

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDbContextFactory<AppDbContext> dbFactory;
    private readonly ChatNotifier notifier;
    private readonly WebhookSignal webhooks;
    private readonly Routing.QueueSignal queueSignal;
    private readonly IOptions<CrmLinkOptions> crmLinks;
    private readonly TimeProvider clock;
    private readonly Routing.RepPresence presence;
    private readonly ILogger<IncomingMessageWriter> logger;
    private readonly KeptWriterConnection connection = new();
    private readonly WriterMemory memory = new();
    private readonly Task writing;

    public IncomingMessageWriter(
        IDbContextFactory<AppDbContext> dbFactory, ChatNotifier notifier, WebhookSignal webhooks, IOptions<CrmLinkOptions> crmLinks, TimeProvider clock,
        Routing.RepPresence presence, Routing.QueueSignal queueSignal, ILogger<IncomingMessageWriter> logger)
    {
        this.queueSignal = queueSignal;
        this.dbFactory = dbFactory;
        this.notifier = notifier;
        this.webhooks = webhooks;
        this.crmLinks = crmLinks;
        this.clock = clock;
        this.presence = presence;
        this.logger = logger;
        writing = Task.Run(WriteQueuedAsync);
    }

    /// <summary>Stores the message with the others waiting; completes once it has committed (or was refused).</summary>
    /// <param name="cancellationToken">Cancels the message only while it still waits for its batch.</param>
    public Task<ReceiveResult> WriteAsync(IncomingMessage message, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(message, cancellationToken);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(IncomingMessageWriter), "The app is stopping and stores no more messages");
        }

        return pending.Completion.Task;
    }

    private sealed record Pending(IncomingMessage Message, CancellationToken Cancellation)
    {
        public TaskCompletionSource<ReceiveResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private async Task WriteQueuedAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
            {
                if (pending.Cancellation.IsCancellationRequested)
                {
                    pending.Completion.TrySetCanceled(pending.Cancellation);
                }
                else
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count > 0)
            {
                await WriteBatchAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        IncomingBatch.Written written;
        try
        {
            written = await WriteOnceAsync(batch);
        }
        catch (Exception exception) when (batch.Count > 1)
        {
            logger.LogWarning(exception, "Storing {Count} incoming messages together failed; storing each on its own", batch.Count);
            foreach (var pending in batch)
            {
                await WriteBatchAsync([pending]);
            }

            return;
        }
        catch (Exception exception)
        {
            batch[0].Completion.TrySetException(exception);
            return;
        }

        // Committed: the results and the live updates can no longer be undone, nor the batch written twice.
        BatchSizes.Record(batch.Count);
        for (var index = 0; index < batch.Count; index++)
        {
            batch[index].Completion.TrySetResult(written.Results[index]);
        }

        foreach (var chatEvent in written.Events)
        {
            notifier.Publish(chatEvent);
        }

        if (written.WroteOutboxEvents)
        {
            webhooks.Wake();
        }

        if (written.Queued)
        {
            queueSignal.Wake();
        }
    }

    private async Task<IncomingBatch.Written> WriteOnceAsync(List<Pending> batch)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        try
        {
            var kept = connection.Attach(db) is { } rows ? (rows, memory) : ((IncomingRows, WriterMemory)?)null;
            return await IncomingBatch.WriteAsync(db, [.. batch.Select(p => p.Message)], crmLinks.Value, clock, presence, kept, CancellationToken.None);
        }
        catch
        {
            // Whatever failed may have been the connection itself: the next batch starts on a fresh one and reads
            // everything afresh.
            connection.Reset();
            memory.Forget();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writing;
        connection.Dispose();
    }

    public void Dispose()
    {
        queue.Writer.TryComplete();
        if (writing.Wait(TimeSpan.FromSeconds(30)))
        {
            connection.Dispose();
        }
    }
}
