using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Tests.Components;

/// <summary>
/// The one base of the admin pages' bUnit tests: an administrator's circuit with MudBlazor's providers (popovers,
/// dialogs, snackbars without transitions), over the real use cases and a demo store of its own (a copy of the run's
/// template, see <see cref="ComponentTestDb"/>). The culture a test switches to is put back when it ends.
/// </summary>
public abstract class AdminPageTest : BunitContext, IAsyncLifetime
{
    // Sales WhatsApp: first responder to Boris, Carmen, Dmitri and Hugo. Sales Telegram: in turn among Boris, Carmen and
    // Dmitri. Store Instagram: managed by Greta.
    protected static readonly Guid SalesWhatsApp = DemoWorkspace.Channels[0].Id;
    protected static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;
    protected static readonly Guid StoreInstagram = DemoWorkspace.Channels[2].Id;

    // Generous, because the whole suite shares the machine with browser tests.
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly CultureInfo culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

    protected AdminPageTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        this.AddAuthorization().SetAuthorized(DemoWorkspace.AdminEmail).SetRoles(Roles.Administrator);
        Db = ComponentTestDb.AddTo(Services);
    }

    protected ComponentTestDb Db { get; }

    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; private set; } = default!;

    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    /// <summary>Whether the demo's sign-in accounts are seeded too (only the pages that show accounts need them).</summary>
    protected virtual bool WithAccounts => false;

    /// <summary>Seeds the store and renders the providers; a test class that needs more in its store adds it after this.</summary>
    public virtual async Task InitializeAsync()
    {
        await Db.SeedAsync(Services, WithAccounts);
        Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        Snackbars = Render<MudSnackbarProvider>();
    }

    // MudBlazor's services can only be disposed asynchronously, and xunit 2 disposes test classes synchronously.
    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
        await DisposeAsync();
        Db.Dispose();
    }

    protected T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A client writes to a channel, through the real incoming message use case.</summary>
    protected async Task<ReceivedMessage> ClientWritesAsync(Guid channelId, string clientId, string clientName, string text = "Hello")
    {
        var result = await Services.GetRequiredService<IncomingMessageService>().ReceiveAsync(new IncomingMessage(channelId, clientId, clientName, text));
        return result.Received ?? throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    protected async Task NobodyReceivesNewClientsAsync(Guid channelId)
    {
        await using var context = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        await context.ChannelAccess.Where(a => a.ChannelId == channelId && a.Role == ChannelRole.SalesRep)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ReceivesNewClients, false));
    }

    protected void AssertSavedMessage() =>
        Snackbars.WaitForAssertion(() => Assert.Contains("Saved", Snackbars.Markup, StringComparison.Ordinal), Patience);

    protected static IElement Button(INodeList nodes, string text) =>
        nodes.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == text);

    /// <summary>The MudBlazor input (or text area) whose visible label is <paramref name="label"/>.</summary>
    protected static IElement InputLabelled(INodeList nodes, string label) =>
        FieldLabelled(nodes, label).QuerySelector("input, textarea")!;

    /// <summary>The input of the MudBlazor switch whose label is <paramref name="label"/>.</summary>
    protected static IElement SwitchLabelled(INodeList nodes, string label) =>
        nodes.QuerySelectorAll("label.mud-switch").Single(l => l.TextContent.Trim() == label).QuerySelector("input")!;

    /// <summary>The whole MudBlazor field (label, input, helper or error text) whose label is <paramref name="label"/>.</summary>
    protected static IElement FieldLabelled(INodeList nodes, string label) =>
        nodes.QuerySelectorAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    /// <summary>The native select whose visible label is <paramref name="label"/>, found as a screen reader would.</summary>
    protected static IElement SelectLabelled(INodeList nodes, string label)
    {
        var forId = nodes.QuerySelectorAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return nodes.QuerySelector($"select#{forId}")!;
    }
}
