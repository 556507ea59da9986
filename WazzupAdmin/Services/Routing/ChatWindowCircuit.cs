using Microsoft.AspNetCore.Components.Server.Circuits;

namespace WazzupAdmin.Services.Routing;

/// <summary>
/// A circuit's chat window as <see cref="RepPresence"/> counts it: open while the browser is connected. A tab closed
/// without a goodbye, a lost network or a crashed browser drops the connection at once, but the circuit itself (and the
/// page in it) is kept for minutes in case the browser comes back; counting the connection rather than the circuit ends
/// the window when the rep has gone, and a reconnect opens it again. Outside a circuit (prerendering, component tests)
/// nothing reports the connection, and the window counts as connected.
/// </summary>
public sealed class ChatWindowCircuit(RepPresence presence) : CircuitHandler
{
    private readonly Lock gate = new();
    private readonly List<Entry> open = [];
    private bool connected = true;

    /// <summary>Counts a chat window of <paramref name="userId"/> in this circuit as open while connected, until the result is disposed.</summary>
    public IDisposable Open(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var entry = new Entry(userId);
        lock (gate)
        {
            entry.Counted = connected ? presence.WindowOpened(userId) : null;
            open.Add(entry);
        }

        return new Window(this, entry);
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            connected = false;
            foreach (var entry in open)
            {
                entry.Counted?.Dispose();
                entry.Counted = null;
            }
        }

        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            connected = true;
            foreach (var entry in open)
            {
                entry.Counted ??= presence.WindowOpened(entry.UserId);
            }
        }

        return Task.CompletedTask;
    }

    private void Close(Entry entry)
    {
        lock (gate)
        {
            open.Remove(entry);
            entry.Counted?.Dispose();
            entry.Counted = null;
        }
    }

    private sealed class Entry(string userId)
    {
        public string UserId { get; } = userId;

        /// <summary>The window as presence counts it; null while the browser is away.</summary>
        public IDisposable? Counted { get; set; }
    }

    private sealed class Window(ChatWindowCircuit circuit, Entry entry) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                circuit.Close(entry);
            }
        }
    }
}
