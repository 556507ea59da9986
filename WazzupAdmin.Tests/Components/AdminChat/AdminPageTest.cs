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

namespace WazzupAdmin.Tests.Components.AdminChat;

/// <summary>
/// An administrator's circuit with MudBlazor's providers, over the real use cases and a seeded demo store of its own.
/// </summary>
public abstract class AdminPageTest : BunitContext, IAsyncLifetime
{
    // Sales WhatsApp: first responder to Boris, Carmen, Dmitri and Hugo. Sales Telegram: in turn among Boris, Carmen and Dmitri.
    protected static readonly Guid SalesWhatsApp = DemoWorkspace.Channels[0].Id;
    protected static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;

    // Generous, because the whole suite shares the machine with browser tests.
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

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

    public async Task InitializeAsync()
    {
        await Db.SeedAsync(Services);
        Render<MudPopoverProvider>();
        Snackbars = Render<MudSnackbarProvider>();
    }

    // MudBlazor's services can only be disposed asynchronously, and xunit 2 disposes test classes synchronously.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Db.Dispose();
    }

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

    protected static IElement Button(INodeList nodes, string text) =>
        nodes.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == text);

    /// <summary>The MudBlazor input (or text area) whose visible label is <paramref name="label"/>.</summary>
    protected static IElement InputLabelled(INodeList nodes, string label) =>
        FieldLabelled(nodes, label).QuerySelector("input, textarea")!;

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
