using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.JSInterop;

namespace WazzupAdmin.Components.Shared;

/// <summary>
/// The browser window's title, "<see cref="Text"/> · WazzupAdmin". A page rendered on the server (statically or
/// prerendered) writes it into the head through <see cref="PageTitle"/>; in a circuit it sets <c>document.title</c>
/// once per change. So the head outlet stays static markup, and no open window keeps a second root component with its
/// sections and render trees for a title that changes only when the page does.
/// </summary>
public sealed class WindowTitle : ComponentBase
{
    private string? shown;

    /// <summary>What the page is: the application's name is added after it.</summary>
    [Parameter, EditorRequired]
    public string Text { get; set; } = "";

    // Present only while the server renders the page (statically or prerendered), never in a circuit.
    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private string Title => $"{Text} · WazzupAdmin";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (HttpContext is null)
        {
            return;
        }

        var title = Title;
        builder.OpenComponent<PageTitle>(0);
        builder.AddComponentParameter(1, nameof(PageTitle.ChildContent), (RenderFragment)(content => content.AddContent(0, title)));
        builder.CloseComponent();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        var title = Title;
        if (HttpContext is not null || title == shown)
        {
            return;
        }

        shown = title;
        try
        {
            await JS.InvokeVoidAsync("wazzupAdmin.setTitle", title);
        }
        catch (JSDisconnectedException)
        {
            // The window closed: there is no title left to set.
        }
    }
}
