namespace WazzupAdmin.Data.Entities;

/// <summary>An employee profile that exists in the CRM.</summary>
public sealed class CrmUser
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Phone { get; set; }

    /// <summary>Set while the user has said in the chat window that they are away: they receive no new clients on any channel.</summary>
    public DateTime? AwaySinceUtc { get; set; }
}
