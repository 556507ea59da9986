using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Tests.Components;

namespace WazzupAdmin.Tests.Chat;

/// <summary>
/// The demo workspace with its sign-in accounts on a SQLite file of its own. Each call runs in a scope of its own,
/// signed in as one demo account, as one request of that user's chat window would.
/// </summary>
public sealed class ChatWorkspace : IAsyncDisposable
{
    private readonly ComponentTestDb db;
    private readonly ServiceProvider services;
    private readonly ConcurrentDictionary<string, ClaimsPrincipal> principals = new(StringComparer.OrdinalIgnoreCase);

    private readonly bool ownsStore;

    private ChatWorkspace(ComponentTestDb db, ServiceProvider services, bool ownsStore = true)
    {
        this.db = db;
        this.services = services;
        this.ownsStore = ownsStore;
    }

    /// <summary>A second console on the same store, with services of its own; disposing it leaves the store to this one.</summary>
    public ChatWorkspace SecondInstance()
    {
        var collection = new ServiceCollection();
        db.AddSecondInstanceTo(collection);
        collection.AddScoped<SignedInAccount>();
        collection.AddScoped<AuthenticationStateProvider, SignedInAccountStateProvider>();
        return new ChatWorkspace(db, collection.BuildServiceProvider(), ownsStore: false);
    }

    public IServiceProvider Services => services;

    /// <param name="clock">The app's clock; the real one unless given (a fake clock seeds a store of its own, slower).</param>
    public static async Task<ChatWorkspace> StartAsync(StoreProvider provider = StoreProvider.Sqlite, TimeProvider? clock = null)
    {
        var collection = new ServiceCollection();
        if (clock is not null)
        {
            collection.AddSingleton(clock);
        }

        var db = ComponentTestDb.AddTo(collection, provider);
        collection.AddScoped<SignedInAccount>();
        collection.AddScoped<AuthenticationStateProvider, SignedInAccountStateProvider>();
        var services = collection.BuildServiceProvider();
        await db.SeedAsync(services, withAccounts: true);
        return new ChatWorkspace(db, services);
    }

    /// <summary>The email of the demo account linked to a CRM user.</summary>
    public static string EmailOf(string crmUserId) => DemoWorkspace.Users.Single(u => u.Id == crmUserId).Email;

    public static string NameOf(string crmUserId) => DemoWorkspace.Users.Single(u => u.Id == crmUserId).Name;

    /// <summary>Runs <paramref name="action"/> with a chat use case of a fresh scope, signed in as the account.</summary>
    public async Task<T> AsAsync<TService, T>(string email, Func<TService, Task<T>> action)
        where TService : notnull
    {
        var principal = await PrincipalAsync(email);
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<SignedInAccount>().Principal = principal;
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task<T> AsUserAsync<TService, T>(string crmUserId, Func<TService, Task<T>> action)
        where TService : notnull => AsAsync(EmailOf(crmUserId), action);

    /// <summary>The account's principal as the sign-in cookie carries it: its id, its name and its console roles.</summary>
    public async Task<ClaimsPrincipal> PrincipalAsync(string email)
    {
        if (principals.TryGetValue(email, out var known))
        {
            return known;
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}.");
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, account.Id), new(ClaimTypes.Name, email) };
        claims.AddRange((await users.GetRolesAsync(account)).Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"));
        principals[email] = principal;
        return principal;
    }

    public async Task<ReceivedMessage> ReceiveAsync(IncomingMessage message)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IncomingMessageService>().ReceiveAsync(message);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Received!;
    }

    public AppDbContext CreateDbContext() => services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        if (ownsStore)
        {
            db.Dispose();
        }
    }

    /// <summary>Who the current scope is signed in as; nobody until a test says.</summary>
    public sealed class SignedInAccount
    {
        public ClaimsPrincipal Principal { get; set; } = new(new ClaimsIdentity());
    }

    private sealed class SignedInAccountStateProvider(SignedInAccount account) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(account.Principal));
    }
}

/// <summary>An <see cref="AuthenticationStateProvider"/> that always reports one principal, for a use case built by hand.</summary>
public sealed class FixedAuthenticationStateProvider(ClaimsPrincipal principal) : AuthenticationStateProvider
{
    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(principal));
}
