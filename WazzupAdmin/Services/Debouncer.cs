namespace WazzupAdmin.Services;

/// <summary>
/// Runs an action once for a burst of triggers: the first trigger of a quiet spell waits an interval on the clock, and
/// the triggers until the action starts join it. A trigger while the action runs starts a new interval, and the run it
/// brings waits for the one under way: what the trigger announces may have been committed after that one read the
/// store. A page that re-queries for every chat event of a busy channel would otherwise query once per message.
/// </summary>
public sealed class Debouncer : IDisposable
{
    private readonly TimeSpan interval;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly Func<Task> action;
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationToken stopped;

    // Never disposed: a run may still release it after the debouncer is, and without its wait handle it holds nothing.
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private bool pending;
    private bool disposed;

    public Debouncer(TimeSpan interval, TimeProvider clock, ILogger logger, Func<Task> action)
    {
        (this.interval, this.clock, this.logger, this.action) = (interval, clock, logger, action);
        stopped = stopping.Token;
    }

    public void Trigger()
    {
        lock (gate)
        {
            if (pending || disposed)
            {
                return;
            }

            pending = true;
        }

        _ = RunAsync();
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        stopping.Cancel();
        stopping.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await Task.Delay(interval, clock, stopped);
            await oneAtATime.WaitAsync(stopped);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            lock (gate)
            {
                pending = false;
            }

            await action();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A debounced action failed; the next trigger runs it again");
        }
        finally
        {
            oneAtATime.Release();
        }
    }
}
