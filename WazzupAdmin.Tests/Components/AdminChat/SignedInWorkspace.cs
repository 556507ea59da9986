using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Tests.Components.AdminChat;

/// <summary>
/// The demo workspace with its sign-in accounts on a SQLite file of its own, whose use cases run as whichever demo
/// account the test signs in as, with that account's real claims and roles.
/// </summary>
public sealed class SignedInWorkspace : IAsyncDisposable
{
    private readonly ComponentTestDb db;
    private readonly ServiceProvider services;
    private readonly SwitchableAuthentication authentication;

    private SignedInWorkspace(ComponentTestDb db, ServiceProvider services, SwitchableAuthentication authentication)
    {
        this.db = db;
        this.services = services;
        this.authentication = authentication;
    }

    public IServiceProvider Services => services;

    public static async Task<SignedInWorkspace> StartAsync()
    {
        var collection = new ServiceCollection();
        var db = ComponentTestDb.AddTo(collection);
        var authentication = new SwitchableAuthentication();
        collection.AddSingleton<AuthenticationStateProvider>(authentication);
        var services = collection.BuildServiceProvider();
        await db.SeedAsync(services, withAccounts: true);
        return new SignedInWorkspace(db, services, authentication);
    }

    /// <summary>From now on every use case runs as the account with <paramref name="email"/>.</summary>
    public async Task SignInAsAsync(string email)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var account = await provider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"There is no account {email}.");
        authentication.User = await provider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(account);
    }

    /// <summary>Runs a use case in a scope of its own, as each circuit or request would.</summary>
    public async Task<T> RunAsync<TService, T>(Func<TService, Task<T>> useCase)
        where TService : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await useCase(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>A client writes to a channel, through the real incoming message use case.</summary>
    public async Task<ReceivedMessage> ClientWritesAsync(Guid channelId, string clientId, string clientName, string text = "Hello")
    {
        var result = await RunAsync<IncomingMessageService, ReceiveResult>(s => s.ReceiveAsync(new IncomingMessage(channelId, clientId, clientName, text)));
        return result.Received ?? throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>Turns "receives new clients" off for every sales rep of the channel, so that nobody is eligible.</summary>
    public async Task NobodyReceivesNewClientsAsync(Guid channelId)
    {
        await using var context = CreateDbContext();
        await context.ChannelAccess.Where(a => a.ChannelId == channelId && a.Role == ChannelRole.SalesRep)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ReceivesNewClients, false));
    }

    public AppDbContext CreateDbContext() =>
        services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        db.Dispose();
    }

    private sealed class SwitchableAuthentication : AuthenticationStateProvider
    {
        public System.Security.Claims.ClaimsPrincipal User { get; set; } = new();

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(User));
    }
}
