namespace WazzupAdmin.Services;

/// <summary>
/// The handlers of one in-process stream of events: added and removed at any time, each called on its own so that a
/// slow or broken subscriber holds up neither the publisher nor the others; a failure is logged, not thrown.
/// </summary>
/// <param name="subscriber">Who the handlers are, for the log: "A chat window".</param>
public sealed class Subscribers<T>(ILogger logger, string subscriber)
{
    private readonly Lock gate = new();
    private List<Func<T, Task>> handlers = [];

    public IDisposable Add(Func<T, Task> handler)
    {
        lock (gate)
        {
            handlers = [.. handlers, handler];
        }

        return new Subscription(this, handler);
    }

    public void Publish(T item)
    {
        List<Func<T, Task>> current;
        lock (gate)
        {
            current = handlers;
        }

        foreach (var handler in current)
        {
            _ = InvokeAsync(handler, item);
        }
    }

    private async Task InvokeAsync(Func<T, Task> handler, T item)
    {
        try
        {
            await handler(item);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "{Subscriber} failed to handle {Item}", subscriber, item);
        }
    }

    private void Remove(Func<T, Task> handler)
    {
        lock (gate)
        {
            handlers = [.. handlers.Where(h => h != handler)];
        }
    }

    private sealed class Subscription(Subscribers<T> owner, Func<T, Task> handler) : IDisposable
    {
        public void Dispose() => owner.Remove(handler);
    }
}
