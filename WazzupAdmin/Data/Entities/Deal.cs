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

    /// <summary>
    /// The funnel's and stage's names when the deal was put in them, so that the deal still says where it was created
    /// after the CRM removes the stage or the funnel; null when the console did not choose them.
    /// </summary>
    public string? FunnelName { get; set; }

    public string? StageName { get; set; }

    public RecordOrigin Origin { get; set; }

    /// <summary>For <see cref="RecordOrigin.Crm"/>, the name of the API key the deal was pushed with.</summary>
    public string? OriginSource { get; set; }

    /// <summary>The console's own record of a new client's deal, kept while it asks the CRM to create it (createDeal).</summary>
    public bool Provisional { get; set; }

    /// <summary>The console's provisional id this deal replaced.</summary>
    public string? ReplacedId { get; set; }
    public List<Contact> Contacts { get; set; } = [];
}
