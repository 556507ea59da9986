using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WazzupAdmin.Tests.Concurrency;

/// <summary>
/// Completes <see cref="Started"/> when another context of the same store as the given one begins a transaction, as
/// EF Core reports it to its diagnostic listener: before the store's write gate or lock is waited for, so a test can
/// tell that a writer has reached its transaction while the test still holds the store. Other tests' stores, running
/// at the same time, are told apart by their connection strings.
/// </summary>
internal sealed class TransactionStarts : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly DbContext except;
    private readonly string connectionString;
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable listeners;

    private TransactionStarts(DbContext except)
    {
        this.except = except;
        // Without one, another test's store could not be told apart from this one.
        connectionString = except.Database.GetConnectionString() ?? throw new ArgumentException("The store has no connection string.", nameof(except));
        listeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public static TransactionStarts Await(DbContext except) => new(except);

    public Task Started => started.Task;

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this, name => name == RelationalEventId.TransactionStarting.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is TransactionStartingEventData { Context: { } context } && context != except
            && context.Database.GetConnectionString() == connectionString)
        {
            started.TrySetResult();
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
