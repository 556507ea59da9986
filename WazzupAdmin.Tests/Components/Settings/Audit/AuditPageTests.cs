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

namespace WazzupAdmin.Tests.Components.Settings.Audit;

/// <summary>The audit log as an administrator reads it, over the real use cases and a store of its own.</summary>
public sealed class AuditPageTests : AdminPageTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var access = Services.GetRequiredService<ChannelAccessService>();
        var sheet = await access.LoadAsync(SalesWhatsApp);
        await access.SaveAsync(SalesWhatsApp, sheet!.Channel.Version, [new UserAccess("u-greta", "Greta Hansen", ChannelRole.SalesRep, true)]);
    }

    [Fact]
    public void A_change_of_access_reads_as_who_got_which_role()
    {
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
        var page = Render<AuditPage>();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Acceso de Greta Hansen", page.Markup);
            Assert.Contains("Sin acceso", page.Markup);
            Assert.Contains("Comercial, recibe clientes nuevos", page.Markup);
        }, TimeSpan.FromSeconds(10));
    }
}
