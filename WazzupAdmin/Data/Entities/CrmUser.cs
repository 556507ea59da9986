namespace WazzupAdmin.Data.Entities;

/// <summary>An employee profile that exists in the CRM.</summary>
public sealed class CrmUser
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Phone { get; set; }
}
