namespace WazzupAdmin.Services.Chat;

public enum ChatEventKind
{
    NewClient,
    NewMessage,
    Claimed,
    Reassigned,

    /// <summary>An outgoing message was delivered, read or failed: its status marks change.</summary>
    StatusChanged,
}

/// <summary>Something happened to a conversation that open chat windows may need to show.</summary>
public sealed record ChatEvent(ChatEventKind Kind, Guid ChannelId, long ConversationId)
{
    /// <summary>
    /// The CRM users whose own clients or offers the event touches, when the publisher knows them; null when it may touch
    /// anyone's. Every open chat window hears every event: with this, a sales rep's window leaves alone what is not its
    /// business instead of reloading its list and counter for each message of the channel.
    /// </summary>
    public IReadOnlyCollection<string>? Concerns { get; init; }

    /// <summary>Whether the event may change what <paramref name="userId"/> sees, who sees every conversation of <paramref name="wholeChannels"/>.</summary>
    public bool MayConcern(string userId, IReadOnlySet<Guid> wholeChannels) =>
        Concerns is null || wholeChannels.Contains(ChannelId) || Concerns.Contains(userId);
}

/// <summary>
/// The one in-process notifier that chat windows subscribe to: the use cases publish after they commit, and each
/// circuit reloads only what the event touches, instead of every circuit polling the database.
/// </summary>
public sealed class ChatNotifier(ILogger<ChatNotifier> logger)
{
    private readonly Lock gate = new();
    private List<Func<ChatEvent, Task>> subscribers = [];

    public IDisposable Subscribe(Func<ChatEvent, Task> handler)
    {
        lock (gate)
        {
            subscribers = [.. subscribers, handler];
        }

        return new Subscription(this, handler);
    }

    public void Publish(ChatEvent chatEvent)
    {
        List<Func<ChatEvent, Task>> current;
        lock (gate)
        {
            current = subscribers;
        }

        foreach (var handler in current)
        {
            // A slow or broken chat window must not hold up the sender or the other windows.
            _ = InvokeAsync(handler, chatEvent);
        }
    }

    private async Task InvokeAsync(Func<ChatEvent, Task> handler, ChatEvent chatEvent)
    {
        try
        {
            await handler(chatEvent);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A chat window failed to handle {Event}", chatEvent);
        }
    }

    private void Unsubscribe(Func<ChatEvent, Task> handler)
    {
        lock (gate)
        {
            subscribers = [.. subscribers.Where(h => h != handler)];
        }
    }

    private sealed class Subscription(ChatNotifier notifier, Func<ChatEvent, Task> handler) : IDisposable
    {
        public void Dispose() => notifier.Unsubscribe(handler);
    }
}
