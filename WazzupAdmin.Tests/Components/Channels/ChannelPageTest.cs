using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;

namespace WazzupAdmin.Tests.Components.Channels;

/// <summary>
/// An administrator's circuit with MudBlazor's providers, over the real use cases and a seeded demo store of its own.
/// </summary>
public abstract class ChannelPageTest : BunitContext, IAsyncLifetime
{
    protected static readonly Guid SalesWhatsApp = DemoWorkspace.Channels[0].Id;
    protected static readonly Guid StoreInstagram = DemoWorkspace.Channels[2].Id;

    protected ChannelPageTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        this.AddAuthorization().SetAuthorized("admin@wazzup.demo").SetRoles(Roles.Administrator);
        Db = ComponentTestDb.AddTo(Services);
    }

    protected ComponentTestDb Db { get; }

    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; private set; } = default!;

    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await Db.SeedAsync(Services);
        Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        Snackbars = Render<MudSnackbarProvider>();
    }

    // MudBlazor's services can only be disposed asynchronously, and xunit 2 disposes test classes synchronously.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Db.Dispose();
    }

    protected T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    protected static IElement Button(INodeList nodes, string text) =>
        nodes.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == text);

    /// <summary>The MudBlazor input whose visible label is <paramref name="label"/>.</summary>
    protected static IElement InputLabelled(INodeList nodes, string label) =>
        FieldLabelled(nodes, label).QuerySelector("input")!;

    /// <summary>The whole MudBlazor field (label, input, helper or error text) whose label is <paramref name="label"/>.</summary>
    protected static IElement FieldLabelled(INodeList nodes, string label) =>
        nodes.QuerySelectorAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    protected void AssertSavedMessage() =>
        Snackbars.WaitForAssertion(() => Assert.Contains("Saved", Snackbars.Markup, StringComparison.Ordinal));
}
