using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Routing;
using WazzupAdmin.Tests.Chat;

namespace WazzupAdmin.Tests.Components.Chat;

/// <summary>
/// A bUnit context over the real chat use cases and a demo store with its accounts: <see cref="SignInAsync"/> picks the
/// demo user the rendered chat window acts as; <see cref="ChatAsAsync"/> gives another user's use cases, as a second
/// browser would.
/// </summary>
public abstract class ChatComponentContext : BunitContext, IAsyncLifetime
{
    public const string CreateDealTemplate = "/demo-crm/deals/new?contactId={contactId}&userId={userId}";
    public const string ContactTemplate = "https://crm.example.com/contacts/{contactId}";

    protected static readonly DemoWorkspace.DemoChannel SalesWhatsApp = DemoWorkspace.Channels[0];

    // Generous, because the whole suite shares the machine with browser tests.
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ComponentTestDb db;
    private readonly BunitAuthorizationContext authorization;

    protected ChatComponentContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Crm:CreateDealUrlTemplate"] = CreateDealTemplate,
                ["Crm:ContactUrlTemplate"] = ContactTemplate,
                ["Crm:DealUrlTemplate"] = "https://crm.example.com/deals/{dealId}",
            })
            .Build());
        authorization = this.AddAuthorization();
        db = ComponentTestDb.AddTo(Services);
    }

    public async Task InitializeAsync()
    {
        await db.SeedAsync(Services, withAccounts: true);
    }

    // MudBlazor's services can only be disposed asynchronously, and xunit 2 disposes test classes synchronously.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        db.Dispose();
    }

    /// <summary>Signs the rendered chat window in as the demo account of a CRM user.</summary>
    protected Task SignInAsync(string crmUserId) => SignInWithEmailAsync(ChatWorkspace.EmailOf(crmUserId));

    protected async Task SignInWithEmailAsync(string email)
    {
        var principal = await PrincipalAsync(email);
        authorization.SetAuthorized(principal.Identity!.Name!);
        authorization.SetClaims([.. principal.Claims.Where(c => c.Type == ClaimTypes.NameIdentifier)]);
    }

    /// <summary>Signs in as <see cref="SignInWithEmailAsync"/> does, with the account's roles as its cookie carries them.</summary>
    protected async Task SignInWithRolesAsync(string email)
    {
        await SignInWithEmailAsync(email);
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        authorization.SetRoles([.. await users.GetRolesAsync((await users.FindByEmailAsync(email))!)]);
    }

    /// <summary>
    /// Makes the rendered window wait for its sign-in (the account signed in last) until the returned action lets it
    /// through, so that a test can tell the render that follows the window's lookup of its account.
    /// </summary>
    protected Action HoldSignIn()
    {
        var userName = authorization.UserName;
        authorization.SetAuthorizing();
        return () => authorization.SetAuthorized(userName);
    }

    /// <summary>Another user's chat use cases, outside the rendered window.</summary>
    protected async Task<OtherWindow> ChatAsAsync(string crmUserId)
    {
        var dbFactory = Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var actor = new CurrentActor(new FixedAuthenticationStateProvider(await PrincipalAsync(ChatWorkspace.EmailOf(crmUserId))));
        var currentUser = new CurrentCrmUser(dbFactory, actor);
        var access = new ConversationAccess(actor);
        return new OtherWindow(
            new ChatReadingService(dbFactory, currentUser, access),
            new ChatReplyService(dbFactory, currentUser, access, Services.GetRequiredService<ChatNotifier>(), TimeProvider.System,
                Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WazzupAdmin.Services.Messages.MessageStatusOptions>>()),
            new AwayService(dbFactory, currentUser, TimeProvider.System, Services.GetRequiredService<RepPresence>()));
    }

    /// <summary>The use cases of a chat window another user has open.</summary>
    protected sealed record OtherWindow(ChatReadingService Reading, ChatReplyService Replies, AwayService Away);

    protected async Task<ReceivedMessage> ReceiveAsync(IncomingMessage message)
    {
        var result = await Services.GetRequiredService<IncomingMessageService>().ReceiveAsync(message);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Received!;
    }

    private async Task<ClaimsPrincipal> PrincipalAsync(string email)
    {
        using var scope = Services.CreateScope();
        var account = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"No account {email}.");
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, account.Id), new Claim(ClaimTypes.Name, email)], "Test"));
    }
}
