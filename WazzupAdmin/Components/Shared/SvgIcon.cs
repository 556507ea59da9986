using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Components;

namespace WazzupAdmin.Components.Shared;

/// <summary>
/// A MudBlazor icon as the markup <c>MudIcon</c> renders, without a component and as one piece of markup: in the layout
/// and the chat window, which every open circuit keeps, each component costs its render trees and each element and
/// attribute a frame of them, for as long as the window is open. An icon never changes, so it needs none of that.
/// </summary>
public static class SvgIcon
{
    public const string Medium = "mud-icon-root mud-svg-icon mud-icon-size-medium";

    // Icons, classes and styles are the app's own constants: a few dozen entries at most, shared by every circuit.
    private static readonly ConcurrentDictionary<(string Icon, string Class, string? Style), MarkupString> Markup = new();

    /// <summary>The icon, decorative (hidden from assistive technology): its meaning is always written beside it.</summary>
    public static RenderFragment Render(string icon, string cssClass = Medium, string? style = null)
    {
        var markup = Of(icon, cssClass, style);
        return builder => builder.AddMarkupContent(0, markup.Value);
    }

    /// <summary>The icon's whole <c>svg</c> element, for markup written in one piece.</summary>
    public static MarkupString Of(string icon, string cssClass = Medium, string? style = null) =>
        Markup.GetOrAdd((icon, cssClass, style), key => new MarkupString(
            $"<svg class=\"{WebUtility.HtmlEncode(key.Class)}\"" +
            (key.Style is null ? "" : $" style=\"{WebUtility.HtmlEncode(key.Style)}\"") +
            $" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{key.Icon}</svg>"));
}
