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
/// The deals of these contacts were created or changed (by the CRM's API, the demo CRM, a refresh): an open Deals
/// dropdown of one of them reloads, as a rep's list does for a new message.
/// </summary>
public sealed record DealsChanged(IReadOnlyCollection<string> ContactIds);

/// <summary>
/// The one in-process notifier that chat windows subscribe to: the use cases publish after they commit, and each
/// circuit reloads only what the event touches, instead of every circuit polling the database. Conversations and deals
/// are two streams, so that a window listening for one never wakes for the other.
/// </summary>
public sealed class ChatNotifier(ILogger<ChatNotifier> logger)
{
    private readonly Subscribers<ChatEvent> conversations = new(logger);
    private readonly Subscribers<DealsChanged> deals = new(logger);

    public IDisposable Subscribe(Func<ChatEvent, Task> handler) => conversations.Add(handler);

    public void Publish(ChatEvent chatEvent) => conversations.Publish(chatEvent);

    public IDisposable SubscribeDeals(Func<DealsChanged, Task> handler) => deals.Add(handler);

    public void Publish(DealsChanged dealsChanged)
    {
        if (dealsChanged.ContactIds.Count > 0)
        {
            deals.Publish(dealsChanged);
        }
    }

    private sealed class Subscribers<T>(ILogger logger)
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
                // A slow or broken chat window must not hold up the sender or the other windows.
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
                logger.LogWarning(ex, "A chat window failed to handle {Event}", item);
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
}
