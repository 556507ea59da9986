namespace WazzupAdmin.Domain.Security;

/// <summary>
/// Addresses the console stores and shows as links: absolute <c>http</c> or <c>https</c> only. A <c>javascript:</c>,
/// <c>data:</c> or <c>vbscript:</c> address in a link runs in the console's origin when clicked.
/// </summary>
public static class WebAddress
{
    /// <summary>An absolute http or https address with a host.</summary>
    public static bool IsHttp([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;

    /// <summary>
    /// The address to put in a link's href, or null to show the text without a link: an http or https address, or a
    /// path of the console itself (the demo CRM's pages). Values stored before this rule existed are judged here too.
    /// </summary>
    public static string? SafeHref(string? value) =>
        IsHttp(value) || LocalPath.IsLocal(value?.Trim()) ? value!.Trim() : null;
}
