using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using WazzupAdmin.Components.Shared;

namespace WazzupAdmin.Tests.Components.Layout;

/// <summary>
/// The window title: written into the head while the server renders the page, set through the browser in a circuit,
/// where the head outlet is static markup.
/// </summary>
public sealed class WindowTitleTests : BunitContext
{
    private const string SetTitle = "wazzupAdmin.setTitle";

    [Fact]
    public void In_a_circuit_the_title_is_set_in_the_browser_once_per_change()
    {
        JSInterop.SetupVoid(SetTitle, _ => true);

        var title = Render<WindowTitle>(p => p.Add(t => t.Text, "Chat"));
        title.Render(p => p.Add(t => t.Text, "Chat"));

        Assert.Equal(["Chat · WazzupAdmin"], TitlesSet());
        Assert.Empty(title.FindComponents<PageTitle>());

        title.Render(p => p.Add(t => t.Text, "Demo CRM · Maria"));

        Assert.Equal(["Chat · WazzupAdmin", "Demo CRM · Maria · WazzupAdmin"], TitlesSet());
    }

    [Fact]
    public void Rendered_on_the_server_the_title_goes_into_the_head_and_the_browser_is_not_called()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;

        var head = Render(builder =>
        {
            builder.OpenComponent<HeadOutlet>(0);
            builder.CloseComponent();
            builder.OpenComponent<CascadingValue<HttpContext>>(1);
            builder.AddComponentParameter(2, "Value", new DefaultHttpContext());
            builder.AddComponentParameter(3, "ChildContent", (RenderFragment)(page =>
            {
                page.OpenComponent<WindowTitle>(0);
                page.AddComponentParameter(1, nameof(WindowTitle.Text), "Sign in");
                page.CloseComponent();
            }));
            builder.CloseComponent();
        });

        Assert.Equal("Sign in · WazzupAdmin", head.Find("title").TextContent);
        Assert.Empty(TitlesSet());
    }

    private string[] TitlesSet() =>
        JSInterop.Invocations.Where(i => i.Identifier == SetTitle).Select(i => (string)i.Arguments[0]!).ToArray();
}
