using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WazzupAdmin.Components.Pages.Settings.Audit;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Tests.Components.Audit;

/// <summary>The audit log as an administrator reads it, over the real use cases and a store of its own.</summary>
public sealed class AuditPageTests : BunitContext, IAsyncLifetime
{
    private static readonly Guid SalesWhatsApp = DemoWorkspace.Channels[0].Id;
    private readonly ComponentTestDb db;
    private readonly CultureInfo culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

    public AuditPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        this.AddAuthorization().SetAuthorized(DemoWorkspace.AdminEmail).SetRoles(Roles.Administrator);
        db = ComponentTestDb.AddTo(Services);
    }

    public async Task InitializeAsync()
    {
        await db.SeedAsync(Services);
        var access = Services.GetRequiredService<ChannelAccessService>();
        var sheet = await access.LoadAsync(SalesWhatsApp);
        await access.SaveAsync(SalesWhatsApp, sheet!.Channel.Version, [new UserAccess("u-greta", "Greta Hansen", ChannelRole.SalesRep, true)]);
    }

    [Fact]
    public void A_change_of_access_reads_as_who_got_which_role()
    {
        Render<MudPopoverProvider>();
        var page = Render<AuditPage>();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Access of Greta Hansen", page.Markup);
            Assert.Contains("No access", page.Markup);
            Assert.Contains("Sales rep, receives new clients", page.Markup);
            Assert.Contains(DemoWorkspace.AdminEmail, page.Markup);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_Spanish_reader_sees_the_change_in_Spanish()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es");
        Render<MudPopoverProvider>();
        var page = Render<AuditPage>();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Acceso de Greta Hansen", page.Markup);
            Assert.Contains("Sin acceso", page.Markup);
            Assert.Contains("Comercial, recibe clientes nuevos", page.Markup);
        }, TimeSpan.FromSeconds(10));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
        // MudBlazor's services are only asynchronously disposable.
        await DisposeAsync();
        db.Dispose();
    }
}
