namespace WazzupAdmin.Data.Entities;

/// <summary>The one webhook subscription of the workspace (row id 1): where events go and which ones.</summary>
public sealed class WebhookSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Null while the CRM has not subscribed.</summary>
    public string? Uri { get; set; }

    public bool MessagesAndStatuses { get; set; }
    public bool ContactsAndDealsCreation { get; set; }
    public bool ChannelsUpdates { get; set; }

    /// <summary>Webhooks on the moderation status of WABA templates (<c>templateStatus</c>).</summary>
    public bool TemplateStatus { get; set; }

    /// <summary>The HMAC-SHA256 key every delivery is signed with; shown to administrators.</summary>
    public string Secret { get; set; } = "";

    public DateTime UpdatedAtUtc { get; set; }
}

public enum OutboxStatus
{
    Pending,
    Delivered,
    DeadLettered,
}

/// <summary>
/// One webhook event, written in the same transaction as the change that caused it and delivered at least once by
/// the background worker. Events with the same ordering key (a contact) are delivered in id order.
/// </summary>
public sealed class OutboxEvent
{
    public long Id { get; set; }

    /// <summary>Sent with the event so that the CRM can drop a duplicate delivery.</summary>
    public Guid EventId { get; set; }

    /// <summary><c>messages</c>, <c>createContact</c>, <c>createDeal</c>, <c>responsibleChanged</c>, <c>channelsUpdates</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The contact the event concerns; null for events with no order to keep (a channel's state).</summary>
    public string? OrderingKey { get; set; }

    /// <summary>
    /// For a request to the CRM (createContact, createDeal): the console's provisional contact or deal the CRM's answer replaces.
    /// </summary>
    public string? SubjectId { get; set; }

    /// <summary>The JSON body posted to the CRM.</summary>
    public string Payload { get; set; } = "";

    public OutboxStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public DateTime? LastAttemptAtUtc { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTime? DeliveredAtUtc { get; set; }

    /// <summary>
    /// The delivery worker that is sending the event now (its <c>WebhookDeliveryWorker.InstanceId</c>); null when none is.
    /// Several instances share the outbox: only the one holding the lease sends, and the lease ends with the saved answer.
    /// </summary>
    public string? LeasedBy { get; set; }

    /// <summary>
    /// When the lease ends if its holder never comes back (it crashed): after this, another worker may send the event again.
    /// </summary>
    public DateTime? LeasedUntilUtc { get; set; }
}
