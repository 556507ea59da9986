using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WazzupAdmin.Tests.Concurrency;

/// <summary>
/// Completes <see cref="Started"/> when another context of the same store as the given one begins a transaction, as
/// EF Core reports it to its diagnostic listener: before the store's write gate or lock is waited for, so a test can
/// tell that a writer has reached its transaction while the test still holds the store.
/// </summary>
internal sealed class TransactionStarts : StoreEvents
{
    private readonly DbContext except;
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TransactionStarts(DbContext except)
        : base(except, RelationalEventId.TransactionStarting) => this.except = except;

    public static TransactionStarts Await(DbContext except) => new(except);

    public Task Started => started.Task;

    protected override void OnEvent(DbContext context, DbContextEventData data)
    {
        if (data is TransactionStartingEventData && context != except)
        {
            started.TrySetResult();
        }
    }
}
