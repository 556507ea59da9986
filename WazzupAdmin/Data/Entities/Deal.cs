namespace WazzupAdmin.Data.Entities;

/// <summary>Groups one or more contacts and has its own responsible user.</summary>
public sealed class Deal
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? ResponsibleUserId { get; set; }
    public CrmUser? ResponsibleUser { get; set; }
    public string? Uri { get; set; }
    public bool Closed { get; set; }

    /// <summary>The funnel and stage the deal is in; null when the CRM did not say.</summary>
    public string? FunnelId { get; set; }

    public string? StageId { get; set; }
    public List<Contact> Contacts { get; set; } = [];
}
