namespace WazzupAdmin.Data.Entities;

/// <summary>A CRM pipeline. Its stages come in the CRM's order.</summary>
public sealed class Funnel
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public int Position { get; set; }
    public List<Stage> Stages { get; set; } = [];
}

/// <summary>A stage of one funnel; stage ids are only unique within their funnel.</summary>
public sealed class Stage
{
    public string FunnelId { get; set; } = "";
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public int Position { get; set; }
    public Funnel? Funnel { get; set; }
}
