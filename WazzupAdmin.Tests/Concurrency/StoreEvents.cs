using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace WazzupAdmin.Tests.Concurrency;

/// <summary>
/// One of EF Core's events, as it reports it to its diagnostic listener, for the contexts of one store only: other
/// tests' stores, running at the same time, are told apart by their connection strings.
/// </summary>
internal abstract class StoreEvents : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string connectionString;
    private readonly string eventName;
    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable listeners;

    /// <param name="of">A context of the store; without a connection string its store could not be told apart.</param>
    protected StoreEvents(DbContext of, EventId eventId)
    {
        ArgumentNullException.ThrowIfNull(of);
        connectionString = of.Database.GetConnectionString() ?? throw new ArgumentException("The store has no connection string.", nameof(of));
        eventName = eventId.Name ?? throw new ArgumentException("The event has no name.", nameof(eventId));
        listeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>An event of a context of the store; called on the thread that raised it.</summary>
    protected abstract void OnEvent(DbContext context, DbContextEventData data);

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this, name => name == eventName));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is DbContextEventData { Context: { } context } data && context.Database.GetConnectionString() == connectionString)
        {
            OnEvent(context, data);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        listeners.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }
}
