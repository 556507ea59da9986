namespace WazzupAdmin.Data.Entities;

/// <summary>One settings change: who changed what, when, from which value to which.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string ActorAccountId { get; set; } = "";
    public string ActorName { get; set; } = "";
    public Guid? ChannelId { get; set; }
    public string? ChannelName { get; set; }

    /// <summary>What changed, in words that stay readable when the subject is later renamed or removed.</summary>
    public string What { get; set; } = "";

    /// <summary>Fills the {0} of <see cref="What"/>: the user, account or channel the change concerns.</summary>
    public string? Subject { get; set; }

    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}
