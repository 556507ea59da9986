namespace WazzupAdmin.Data.Entities;

/// <summary>
/// A WhatsApp Business API message template of one WABA channel, as Meta moderates it. Templates are what a WABA
/// channel sends to start a conversation; the console keeps them to list them to the CRM and to report their moderation.
/// </summary>
public sealed class WabaTemplate
{
    public Guid TemplateGuid { get; set; }
    public Guid ChannelId { get; set; }
    public Channel? Channel { get; set; }

    /// <summary>The name people find it by in the template list.</summary>
    public string Title { get; set; } = "";

    /// <summary>The name sent to Meta (lowercase with underscores).</summary>
    public string Name { get; set; } = "";

    /// <summary><c>MARKETING</c>, <c>UTILITY</c> or <c>AUTHENTICATION</c>.</summary>
    public string Category { get; set; } = "";

    public string Language { get; set; } = "";

    /// <summary>The moderation status: <c>approved</c>, <c>pending</c>, <c>rejected</c>, <c>paused</c>, <c>disabled</c>.</summary>
    public string Status { get; set; } = "";

    public string? RejectedReason { get; set; }

    /// <summary>The body text with its <c>{{1}}</c> variables.</summary>
    public string Body { get; set; } = "";

    public string? Header { get; set; }
    public string? Footer { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
