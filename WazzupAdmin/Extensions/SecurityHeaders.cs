using System.Security.Cryptography;

namespace WazzupAdmin.Extensions;

/// <summary>
/// The headers every answer carries beside <see cref="IframeEmbedding"/>'s frame-ancestors:
/// <c>X-Content-Type-Options: nosniff</c> (a file is never run as something other than its declared type),
/// <c>Referrer-Policy: same-origin</c> (a chat link's one-time address never leaves for the CRM in a Referer), and a
/// Content-Security-Policy under which only the console's own scripts run.
/// <para>
/// Blazor Server and MudBlazor need: scripts from the console itself, plus the one inline import map Blazor writes into
/// each page, allowed by a nonce made per answer (<see cref="Nonce"/>); styles inline (MudBlazor sets style attributes
/// and Blazor's reconnect dialog adds a style element); images and fonts as data: URIs (MudBlazor's and Swagger UI's
/// icons); and the circuit's WebSocket to the same origin, which 'self' covers. Nothing else: no eval, no other origin.
/// </para>
/// </summary>
public static class SecurityHeaders
{
    private const string NonceItem = "wazzup:csp-nonce";

    /// <summary>The script nonce of this answer, for the inline scripts the console itself renders.</summary>
    public static string Nonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[NonceItem] is not string nonce)
        {
            nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
            context.Items[NonceItem] = nonce;
        }

        return nonce;
    }

    /// <summary>The Content-Security-Policy of one answer, ending with the frame-ancestors directive.</summary>
    public static string ContentSecurityPolicy(HttpContext context, FrameAncestorsPolicy frameAncestors)
    {
        ArgumentNullException.ThrowIfNull(frameAncestors);
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'nonce-{Nonce(context)}'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            frameAncestors.Header);
    }

    public static void Apply(HttpContext context, FrameAncestorsPolicy frameAncestors)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.ContentSecurityPolicy = ContentSecurityPolicy(context, frameAncestors);
    }
}
