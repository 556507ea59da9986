using System.Text.RegularExpressions;

namespace WazzupAdmin.Domain.Messages;

/// <summary>The moderation statuses of a WABA template, as the template list reports them.</summary>
public static class WabaTemplateStatuses
{
    public const string Approved = "approved";
    public const string Pending = "pending";
    public const string Rejected = "rejected";
    public const string Paused = "paused";
    public const string Disabled = "disabled";

    public static IReadOnlyList<string> All { get; } = [Approved, Pending, Rejected, Paused, Disabled];
}

/// <summary>A template's text as it is sent.</summary>
public static partial class WabaTemplateText
{
    /// <summary>The body with each <c>{{n}}</c> replaced by the n-th value (from 1); a variable without a value stays as it is.</summary>
    public static string Fill(string body, IReadOnlyList<string> values) =>
        Variable().Replace(body, match =>
            int.TryParse(match.Groups[1].ValueSpan, out var n) && n >= 1 && n <= values.Count ? values[n - 1] : match.Value);

    /// <summary>How many variables the body has (its highest <c>{{n}}</c>).</summary>
    public static int VariableCount(string body) =>
        Variable().Matches(body).Select(m => int.TryParse(m.Groups[1].ValueSpan, out var n) ? n : 0).DefaultIfEmpty(0).Max();

    [GeneratedRegex(@"\{\{(\d+)\}\}")]
    private static partial Regex Variable();
}
