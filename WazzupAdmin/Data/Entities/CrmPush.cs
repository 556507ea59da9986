namespace WazzupAdmin.Data.Entities;

/// <summary>When the CRM last pushed one kind of data (users, contacts, deals, pipelines), and how many records.</summary>
public sealed class CrmPush
{
    /// <summary>See <c>CrmPushKinds</c>.</summary>
    public string Kind { get; set; } = "";

    public DateTime LastPushAtUtc { get; set; }
    public int LastCount { get; set; }

    /// <summary>Where the push came from: an API key's name, or the demo CRM.</summary>
    public string Source { get; set; } = "";
}

public static class CrmPushKinds
{
    public const string Users = "users";
    public const string Contacts = "contacts";
    public const string Deals = "deals";
    public const string Pipelines = "pipelines";

    public static readonly string[] All = [Users, Contacts, Deals, Pipelines];
}
