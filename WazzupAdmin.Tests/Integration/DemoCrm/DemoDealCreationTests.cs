using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Crm;
using WazzupAdmin.Tests.Components.AdminChat;

namespace WazzupAdmin.Tests.Integration.DemoCrm;

/// <summary>The demo CRM's "create deal" page really creates the deal, and only for the signed-in user.</summary>
public sealed class DemoDealCreationTests : IAsyncLifetime
{
    private SignedInWorkspace workspace = default!;

    public async Task InitializeAsync()
    {
        workspace = await SignedInWorkspace.StartAsync();
        await workspace.SignInAsAsync("boris@wazzup.demo");
    }

    public async Task DisposeAsync() => await workspace.DisposeAsync();

    [Fact]
    public async Task A_user_creates_an_open_deal_with_the_contact_for_themselves_at_its_own_address()
    {
        var creation = await CreateAsync("c-1001", "u-boris", "  Lucía: sliding doors ");

        Assert.Equal(DemoDealStatus.Created, creation.Status);
        await using var context = workspace.CreateDbContext();
        var deal = await context.Deals.AsNoTracking().Include(d => d.Contacts).SingleAsync(d => d.Id == creation.DealId);
        Assert.Equal("Lucía: sliding doors", deal.Name);
        Assert.Equal("u-boris", deal.ResponsibleUserId);
        Assert.False(deal.Closed);
        Assert.Equal($"/demo-crm/deals/{deal.Id}", deal.Uri);
        Assert.Equal(["c-1001"], deal.Contacts.Select(c => c.Id));
    }

    [Fact]
    public async Task Without_a_user_id_the_deal_is_the_signed_in_users_own()
    {
        var form = await workspace.RunAsync<DemoCrmPages, DemoNewDealResult>(s => s.NewDealAsync("c-1001", null));

        Assert.Equal(new DemoNewDeal("c-1001", "Lucía Fernández", "u-boris", "Boris Ivanov"), form.Form);
    }

    [Fact]
    public async Task A_forged_user_id_is_refused_and_nothing_is_created()
    {
        var dealsBefore = await CountDealsAsync();

        var form = await workspace.RunAsync<DemoCrmPages, DemoNewDealResult>(s => s.NewDealAsync("c-1001", "u-carmen"));
        var creation = await CreateAsync("c-1001", "u-carmen", "Lucía: carpets");

        Assert.Null(form.Form);
        Assert.Equal(DemoDealStatus.Refused, form.Status);
        Assert.Equal(DemoDealStatus.Refused, creation.Status);
        Assert.Equal("You can only create deals for yourself.", creation.Errors.Single().Message);
        Assert.Equal(dealsBefore, await CountDealsAsync());
    }

    [Fact]
    public async Task An_administrator_may_create_a_deal_for_any_user()
    {
        await workspace.SignInAsAsync(DemoWorkspace.AdminEmail);

        var creation = await CreateAsync("c-1002", "u-carmen", "Marco: bathroom");

        Assert.True(creation.Succeeded);
        await using var context = workspace.CreateDbContext();
        Assert.Equal("u-carmen", await context.Deals.Where(d => d.Id == creation.DealId).Select(d => d.ResponsibleUserId).SingleAsync());
    }

    [Fact]
    public async Task An_unknown_contact_and_a_missing_name_are_reported()
    {
        var unknownContact = await CreateAsync("c-404", "u-boris", "Nobody's deal");
        var noName = await CreateAsync("c-1001", "u-boris", " ");

        Assert.Equal(DemoDealStatus.NotFound, unknownContact.Status);
        Assert.Equal("This contact does not exist in the CRM.", unknownContact.Errors.Single().Message);
        Assert.Equal(DemoDealStatus.Invalid, noName.Status);
        Assert.Equal("This field is required.", noName.ErrorFor("Name"));
    }

    [Fact]
    public async Task The_deal_and_contact_pages_show_what_the_CRM_holds()
    {
        var deal = await workspace.RunAsync<DemoCrmPages, DemoDealDetails?>(s => s.DealAsync("d-2015"));
        var contact = await workspace.RunAsync<DemoCrmPages, DemoContactDetails?>(s => s.ContactAsync("c-1001"));

        Assert.NotNull(deal);
        Assert.Equal(("Lucía and Marco: joint order", false, "Boris Ivanov"), (deal.Name, deal.Closed, deal.ResponsibleName));
        Assert.Equal(["Lucía Fernández", "Marco Rossi"], deal.Contacts.Select(c => c.Name));
        Assert.NotNull(contact);
        Assert.Equal("Boris Ivanov", contact.ResponsibleName);
        Assert.Equal("34600111222", Assert.Single(contact.Chats).Identifier);
        Assert.Equal(["Lucía and Marco: joint order", "Lucía: interior doors", "Lucía: oak flooring"], contact.Deals.Select(d => d.Name));
    }

    private Task<DemoDealCreation> CreateAsync(string contactId, string userId, string name) =>
        workspace.RunAsync<DemoCrmPages, DemoDealCreation>(s => s.CreateDealAsync(contactId, userId, name));

    private async Task<int> CountDealsAsync()
    {
        await using var context = workspace.CreateDbContext();
        return await context.Deals.CountAsync();
    }
}
