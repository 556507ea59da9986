namespace WazzupAdmin.Services.Chat;

public enum ChatEventKind
{
    NewClient,
    NewMessage,
    Claimed,
    Reassigned,

    /// <summary>An outgoing message was delivered, read or failed: its status marks change.</summary>
    StatusChanged,

    /// <summary>An offer timed out: the client moved to the next rep, or the managers are alerted to it.</summary>
    OfferTimedOut,
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
/// are two streams, so that a window listening for one never wakes for the other. On PostgreSQL every event published
/// here also goes to the other instances (<paramref name="otherInstances"/>), whose listener republishes it to their
/// windows with <see cref="PublishHere(ChatEvent)"/>.
/// </summary>
public sealed class ChatNotifier(ILogger<ChatNotifier> logger, Instances.IOtherInstances? otherInstances = null)
{
    private readonly Subscribers<ChatEvent> conversations = new(logger, "A chat window");
    private readonly Subscribers<DealsChanged> deals = new(logger, "A chat window");

    public IDisposable Subscribe(Func<ChatEvent, Task> handler) => conversations.Add(handler);

    public void Publish(ChatEvent chatEvent)
    {
        conversations.Publish(chatEvent);
        otherInstances?.Send(chatEvent);
    }

    /// <summary>An event of another instance, for this instance's windows only.</summary>
    public void PublishHere(ChatEvent chatEvent) => conversations.Publish(chatEvent);

    public IDisposable SubscribeDeals(Func<DealsChanged, Task> handler) => deals.Add(handler);

    public void Publish(DealsChanged dealsChanged)
    {
        if (dealsChanged.ContactIds.Count > 0)
        {
            deals.Publish(dealsChanged);
            otherInstances?.Send(dealsChanged);
        }
    }

    /// <summary>Deals changed through another instance, for this instance's windows only.</summary>
    public void PublishHere(DealsChanged dealsChanged)
    {
        if (dealsChanged.ContactIds.Count > 0)
        {
            deals.Publish(dealsChanged);
        }
    }
}
