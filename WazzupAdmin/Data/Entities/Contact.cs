namespace WazzupAdmin.Data.Entities;

/// <summary>The card that ties a client to a responsible user.</summary>
public sealed class Contact
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Null while nobody is responsible for the client.</summary>
    public string? ResponsibleUserId { get; set; }

    public CrmUser? ResponsibleUser { get; set; }
    public string? Uri { get; set; }

    /// <summary>
    /// Set when the CRM deleted the contact. The card leaves the API and releases its messenger identifiers, but its
    /// conversations stay, so no message is lost.
    /// </summary>
    public DateTime? DeletedAtUtc { get; set; }

    public RecordOrigin Origin { get; set; }

    /// <summary>For <see cref="RecordOrigin.Crm"/>, the name of the API key the contact was pushed with.</summary>
    public string? OriginSource { get; set; }

    public List<ContactChat> Chats { get; set; } = [];
    public List<Deal> Deals { get; set; } = [];
}

/// <summary>One messenger identifier of a contact: a WhatsApp phone, a Telegram id or username.</summary>
public sealed class ContactChat
{
    public int Id { get; set; }
    public string ContactId { get; set; } = "";

    /// <summary>The transport's API name (<c>whatsapp</c>, <c>tgapi</c>, …).</summary>
    public string ChatType { get; set; } = "";

    public string ChatId { get; set; } = "";
}
