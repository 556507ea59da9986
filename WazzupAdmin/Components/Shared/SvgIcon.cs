using Microsoft.AspNetCore.Components;

namespace WazzupAdmin.Components.Shared;

/// <summary>
/// A MudBlazor icon as the markup <c>MudIcon</c> renders, without a component: in the layout and the chat window, which
/// every open circuit keeps, each component costs its render trees for as long as the window is open.
/// </summary>
public static class SvgIcon
{
    public const string Medium = "mud-icon-root mud-svg-icon mud-icon-size-medium";

    /// <summary>The icon, decorative (hidden from assistive technology): its meaning is always written beside it.</summary>
    public static RenderFragment Render(string icon, string cssClass = Medium, string? style = null) => builder =>
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", cssClass);
        builder.AddAttribute(2, "style", style);
        builder.AddAttribute(3, "focusable", "false");
        builder.AddAttribute(4, "viewBox", "0 0 24 24");
        builder.AddAttribute(5, "aria-hidden", "true");
        builder.AddAttribute(6, "role", "img");
        builder.AddMarkupContent(7, icon);
        builder.CloseElement();
    };
}
