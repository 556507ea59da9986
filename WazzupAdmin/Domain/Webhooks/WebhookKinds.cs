namespace WazzupAdmin.Domain.Webhooks;

/// <summary>The events the CRM can subscribe to, named as the real product names them in its bodies.</summary>
public static class WebhookKinds
{
    public const string Messages = "messages";
    public const string CreateContact = "createContact";
    public const string CreateDeal = "createDeal";
    public const string ResponsibleChanged = "responsibleChanged";
    public const string ChannelsUpdates = "channelsUpdates";

    /// <summary>The statuses of outgoing messages (sent, delivered, read, error, edited), under messagesAndStatuses.</summary>
    public const string Statuses = "statuses";

    /// <summary>The moderation status of a WABA template changed.</summary>
    public const string TemplateStatus = "templateStatus";

    public static IReadOnlyList<string> All { get; } = [Messages, Statuses, CreateContact, CreateDeal, ResponsibleChanged, ChannelsUpdates, TemplateStatus];
}

/// <summary>The switches of a subscription.</summary>
public sealed record WebhookSubscriptions(bool MessagesAndStatuses, bool ContactsAndDealsCreation, bool ChannelsUpdates, bool TemplateStatus = false)
{
    /// <summary>
    /// Whether the subscription covers an event. A change of responsible user travels with contacts and deals: it is
    /// what the CRM needs to keep the records it created in step with the platform.
    /// </summary>
    public bool Covers(string kind) => kind switch
    {
        WebhookKinds.Messages or WebhookKinds.Statuses => MessagesAndStatuses,
        WebhookKinds.CreateContact or WebhookKinds.CreateDeal or WebhookKinds.ResponsibleChanged => ContactsAndDealsCreation,
        WebhookKinds.ChannelsUpdates => ChannelsUpdates,
        WebhookKinds.TemplateStatus => TemplateStatus,
        _ => false,
    };
}
