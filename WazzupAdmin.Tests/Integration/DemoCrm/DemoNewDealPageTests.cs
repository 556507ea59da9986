using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WazzupAdmin.Components.Pages.DemoCrm;
using WazzupAdmin.Data;
using WazzupAdmin.Tests.Components;

namespace WazzupAdmin.Tests.Integration.DemoCrm;

/// <summary>The demo CRM's "create deal" page, signed in as Boris, over the real use case.</summary>
public sealed class DemoNewDealPageTests : BunitContext, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ComponentTestDb db;
    private readonly BunitAuthorizationContext authorization;

    public DemoNewDealPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        authorization = this.AddAuthorization();
        db = ComponentTestDb.AddTo(Services);
    }

    public async Task InitializeAsync()
    {
        await db.SeedAsync(Services, withAccounts: true);
        var boris = await Services.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("boris@wazzup.demo");
        authorization.SetAuthorized("boris@wazzup.demo").SetClaims(new Claim(ClaimTypes.NameIdentifier, boris!.Id));
        Render<MudPopoverProvider>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        db.Dispose();
    }

    [Fact]
    public async Task Creating_a_deal_stores_it_and_opens_its_page()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("demo-crm/deals/new?contactId=c-1001&userId=u-boris");
        var page = Render<DemoNewDealPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("form")), Patience);
        Assert.Contains("Demo CRM", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Lucía Fernández", page.Find("form").TextContent, StringComparison.Ordinal);

        page.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == "Deal name")
            .QuerySelector("input")!.Change("Lucía: sliding doors");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("/demo-crm/deals/d-", navigation.Uri, StringComparison.Ordinal), Patience);
        var dealId = navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..];
        await using var context = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var deal = await context.Deals.AsNoTracking().Include(d => d.Contacts).SingleAsync(d => d.Id == dealId);
        Assert.Equal(("Lucía: sliding doors", "u-boris", false), (deal.Name, deal.ResponsibleUserId, deal.Closed));
        Assert.Equal(["c-1001"], deal.Contacts.Select(c => c.Id));
    }

    [Fact]
    public void A_forged_user_id_shows_a_refusal_and_no_form()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("demo-crm/deals/new?contactId=c-1001&userId=u-carmen");

        var page = Render<DemoNewDealPage>();

        page.WaitForAssertion(() => Assert.Contains("You can only create deals for yourself.", page.Find("[role='alert']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("form"));
    }
}
