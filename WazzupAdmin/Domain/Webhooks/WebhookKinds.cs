namespace WazzupAdmin.Domain.Webhooks;

/// <summary>The events the CRM can subscribe to, named as the real product names them in its bodies.</summary>
public static class WebhookKinds
{
    public const string Messages = "messages";
    public const string CreateContact = "createContact";
    public const string CreateDeal = "createDeal";
    public const string ResponsibleChanged = "responsibleChanged";
    public const string ChannelsUpdates = "channelsUpdates";

    public static IReadOnlyList<string> All { get; } = [Messages, CreateContact, CreateDeal, ResponsibleChanged, ChannelsUpdates];
}

/// <summary>The three switches of a subscription.</summary>
public sealed record WebhookSubscriptions(bool MessagesAndStatuses, bool ContactsAndDealsCreation, bool ChannelsUpdates)
{
    /// <summary>
    /// Whether the subscription covers an event. A change of responsible user travels with contacts and deals: it is
    /// what the CRM needs to keep the records it created in step with the platform.
    /// </summary>
    public bool Covers(string kind) => kind switch
    {
        WebhookKinds.Messages => MessagesAndStatuses,
        WebhookKinds.CreateContact or WebhookKinds.CreateDeal or WebhookKinds.ResponsibleChanged => ContactsAndDealsCreation,
        WebhookKinds.ChannelsUpdates => ChannelsUpdates,
        _ => false,
    };
}
