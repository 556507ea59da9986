using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data;
using WazzupAdmin.Services;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Tests.Components;

namespace WazzupAdmin.Tests.Concurrency;

/// <summary>
/// The demo workspace on a SQLite file of its own, receiving clients' messages through the real
/// <see cref="IncomingMessageService"/>, each message in a scope of its own as separate webhook calls would be.
/// </summary>
public sealed class IncomingMessageStore : IAsyncDisposable
{
    private readonly ComponentTestDb db;
    private ServiceProvider services;

    private IncomingMessageStore(ComponentTestDb db, ServiceProvider services)
    {
        this.db = db;
        this.services = services;
    }

    /// <param name="configure">Changes to the console's services, after its own registrations (options, for one).</param>
    public static async Task<IncomingMessageStore> StartAsync(StoreProvider provider = StoreProvider.Sqlite, Action<IServiceCollection>? configure = null)
    {
        var collection = new ServiceCollection();
        var db = ComponentTestDb.AddTo(collection, provider);
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        await db.SeedAsync(services);
        return new IncomingMessageStore(db, services);
    }

    public async Task<ReceiveResult> ReceiveAsync(IncomingMessage message)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IncomingMessageService>().ReceiveAsync(message);
    }

    public IServiceProvider Services => services;

    /// <summary>
    /// The services of a second console on the same store (its own writer of clients' messages, notifier and pool),
    /// receiving as <see cref="ReceiveAsync"/> does; the caller disposes them.
    /// </summary>
    public ServiceProvider SecondInstance()
    {
        var collection = new ServiceCollection();
        db.AddSecondInstanceTo(collection);
        return collection.BuildServiceProvider();
    }

    public static async Task<ReceiveResult> ReceiveAsync(IServiceProvider instance, IncomingMessage message)
    {
        await using var scope = instance.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IncomingMessageService>().ReceiveAsync(message);
    }

    public AppDbContext CreateDbContext() =>
        services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    /// <summary>Throws away every service and builds them again on the same file, as a restart of the app would.</summary>
    public async Task RestartAsync()
    {
        await services.DisposeAsync();
        var collection = new ServiceCollection();
        collection.AddAppStore(db.Provider, db.ConnectionString);
        collection.AddAppUseCases();
        collection.AddSingleton(TimeProvider.System);
        collection.AddSingleton(ComponentTestDb.AppConfiguration);
        collection.AddLogging();
        services = collection.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        db.Dispose();
    }
}
