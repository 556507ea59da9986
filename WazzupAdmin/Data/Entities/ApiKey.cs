namespace WazzupAdmin.Data.Entities;

/// <summary>A key a CRM uses for the public API. Only its SHA-256 hash is kept; the key itself is shown once.</summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The key's first characters, shown in the list so that an administrator can tell keys apart.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public string Hash { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? LastUsedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
}
