using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace WazzupAdmin.Components.Shared;

/// <summary>
/// The hidden field <c>AntiforgeryToken</c> renders, without its component: the layout's forms (sign out, language) are
/// kept by every open window, and the component would cost its render tree for as long as the window is open.
/// </summary>
public static class AntiforgeryField
{
    /// <summary>The token's hidden input, or nothing when the request has no token (as the component does).</summary>
    public static RenderFragment Render(AntiforgeryRequestToken? token) => builder =>
    {
        if (token is null)
        {
            return;
        }

        builder.OpenElement(0, "input");
        builder.AddAttribute(1, "type", "hidden");
        builder.AddAttribute(2, "name", token.FormFieldName);
        builder.AddAttribute(3, "value", token.Value);
        builder.CloseElement();
    };
}
