using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Api;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Crm;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration.DemoCrm;

/// <summary>The demo CRM's pages show what the chat window would: a rep their own clients, a card session its card.</summary>
public sealed class DemoCrmVisibilityTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_sales_rep_sees_their_own_clients_and_deals_but_not_another_reps()
    {
        await using var boris = await app.CreateScopeSignedInAsAsync("boris@wazzup.demo");
        var pages = boris.ServiceProvider.GetRequiredService<DemoCrmPages>();

        Assert.NotNull(await pages.ContactAsync("c-1001"));
        Assert.NotNull(await pages.DealAsync("d-2001"));
        // Olga is Dmitri's client, with Dmitri's deal.
        Assert.Null(await pages.ContactAsync("c-1003"));
        Assert.Null(await pages.DealAsync("d-2004"));
        Assert.Null((await pages.NewDealAsync("c-1003", null)).Form);
        Assert.False((await pages.CreateDealAsync("c-1003", null, "Sneaked in")).Succeeded);
    }

    [Fact]
    public async Task The_administrator_sees_every_contact_and_deal()
    {
        await using var admin = await app.CreateScopeSignedInAsAsync(DemoWorkspace.AdminEmail);
        var pages = admin.ServiceProvider.GetRequiredService<DemoCrmPages>();

        Assert.NotNull(await pages.ContactAsync("c-1003"));
        Assert.NotNull(await pages.DealAsync("d-2004"));
    }

    [Fact]
    public async Task A_card_scoped_chat_link_session_sees_only_the_contact_of_its_card()
    {
        // Anna manages Sales WhatsApp and would see Marco too; opened by a card link for Lucía, she sees Lucía only.
        await using (var anna = await app.CreateScopeSignedInAsAsync("anna@wazzup.demo"))
        {
            Assert.NotNull(await anna.ServiceProvider.GetRequiredService<DemoCrmPages>().ContactAsync("c-1002"));
        }

        await using var scope = await CardScopeAsync("anna@wazzup.demo", [new ChatRef("whatsapp", "34600111222")]);
        var pages = scope.ServiceProvider.GetRequiredService<DemoCrmPages>();

        Assert.NotNull(await pages.ContactAsync("c-1001"));
        Assert.NotNull(await pages.DealAsync("d-2002"));
        Assert.Null(await pages.ContactAsync("c-1002"));
        Assert.Null(await pages.DealAsync("d-2003"));
    }

    private async Task<AsyncServiceScope> CardScopeAsync(string email, IReadOnlyList<ChatRef> filter)
    {
        var scope = app.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var account = await provider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        var principal = await provider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(account!);
        ChatLinkSessions.Narrow(principal, ChatScope.Card, filter, ClaimTypes.Role);
        ((IHostEnvironmentAuthenticationStateProvider)provider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return scope;
    }
}
