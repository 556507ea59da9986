using WazzupAdmin.Data;
using WazzupAdmin.Domain.Webhooks;

namespace WazzupAdmin.Services.Chat;

/// <summary>
/// What the incoming messages' writer read for its last batch, as that batch left it: the webhook subscription and each
/// channel's rules for new clients (its reps with their unanswered clients and credits, its rotation, whether clients
/// wait in its queue, where its deals go). The next batch on the same kept SQLite connection uses them instead of
/// reading them again while no other connection has committed to the file since: SQLite's <c>PRAGMA data_version</c>,
/// read after the batch's BEGIN IMMEDIATE (from then on nobody else can commit until the batch ends), is what it was in
/// the last batch. The store then holds what the last batch read and what it wrote, and the kept rules count what it
/// wrote. Anything else written — a setting saved, a rep's answer, an offer passed on, a client taken from the queue —
/// changes the version, and the batch reads everything afresh.
/// <para>
/// Presence, which changes without a write, is taken anew for every batch; rules read on another UTC date are read
/// again, for the days off. A failed batch may have changed the rules it used, so after one nothing is kept.
/// </para>
/// </summary>
internal sealed class WriterMemory
{
    private readonly Dictionary<Guid, NewClientRules> rules = [];
    private IncomingRows? connection;
    private long version;

    public WebhookSubscriptions? Subscription { get; private set; }

    public IReadOnlyDictionary<Guid, NewClientRules> Rules => rules;

    /// <summary>Whether what is kept still holds: the same connection (versions of two connections say nothing of each other) at the same version.</summary>
    public bool Holds(IncomingRows on, long current) => connection is not null && connection == on && version == current;

    /// <summary>Keeps what a committed batch read and left, at the version its transaction began on.</summary>
    public void Keep(IncomingRows on, long atVersion, WebhookSubscriptions? subscription, IReadOnlyDictionary<Guid, NewClientRules> keptRules)
    {
        ArgumentNullException.ThrowIfNull(keptRules);
        connection = on;
        version = atVersion;
        Subscription = subscription;
        rules.Clear();
        foreach (var (channelId, channelRules) in keptRules)
        {
            rules[channelId] = channelRules;
        }
    }

    public void Forget()
    {
        connection = null;
        Subscription = null;
        rules.Clear();
    }
}
