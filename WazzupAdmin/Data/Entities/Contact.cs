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

    /// <summary>
    /// The console's own record of a new client, kept while it asks the subscribed CRM to create the contact
    /// (createContact); the CRM's answer re-keys it to the CRM's id and clears this.
    /// </summary>
    public bool Provisional { get; set; }

    /// <summary>The console's provisional id this contact replaced, so that a late answer to that request finds it.</summary>
    public string? ReplacedId { get; set; }

    public List<ContactChat> Chats { get; set; } = [];
    public List<Deal> Deals { get; set; } = [];
}

/// <summary>
/// One messenger chat of a contact: a WhatsApp phone, a Telegram id or username, an Instagram username. A Telegram chat
/// the CRM gave by <see cref="Username"/> or <see cref="Phone"/> has no <see cref="ChatId"/> until that client writes.
/// </summary>
public sealed class ContactChat
{
    public int Id { get; set; }
    public string ContactId { get; set; } = "";

    /// <summary>The chat type's API name (<c>whatsapp</c>, <c>telegram</c>, …; see <see cref="Domain.Channels.ChatType"/>), never a transport.</summary>
    public string ChatType { get; set; } = "";

    public string? ChatId { get; set; }

    /// <summary>Telegram only: the username, without @.</summary>
    public string? Username { get; set; }

    /// <summary>Telegram only: the phone, digits with the country code.</summary>
    public string? Phone { get; set; }
}
