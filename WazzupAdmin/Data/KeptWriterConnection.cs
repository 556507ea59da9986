using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace WazzupAdmin.Data;

/// <summary>
/// The incoming messages' writer's own connection to a SQLite file, opened once and kept open across its transactions,
/// with the statements of <see cref="IncomingRows"/> prepared once for it. Opened and closed for every transaction, a
/// connection is set up again each time and its statements finalized with it, so every batch of new clients paid for
/// preparing about a dozen statements and for the connection's pragmas (see BENCHMARKS.md). Only the writer uses it, one
/// batch at a time. After a failed batch it is closed, and the next batch opens a fresh one.
/// <para>
/// On PostgreSQL nothing is kept: contexts take their connections from the data source's pool as before.
/// </para>
/// </summary>
public sealed class KeptWriterConnection : IDisposable
{
    private SqliteConnection? connection;
    private IncomingRows? rows;

    /// <summary>Puts <paramref name="db"/>, not yet used, on the kept connection; its statements, or null when the store is not SQLite.</summary>
    public IncomingRows? Attach(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        if (connection is null)
        {
            var opened = new SqliteConnection(db.Database.GetConnectionString());
            try
            {
                opened.Open();
                SqliteConnectionSettings.Apply(opened);
            }
            catch
            {
                opened.Dispose();
                throw;
            }

            connection = opened;
            rows = IncomingRows.On(opened);
        }

        db.Database.SetDbConnection(connection, contextOwnsConnection: false);
        return rows;
    }

    /// <summary>Closes the connection, after a failure or at the end; the next <see cref="Attach"/> opens a new one.</summary>
    public void Reset()
    {
        rows?.Dispose();
        connection?.Dispose();
        rows = null;
        connection = null;
    }

    public void Dispose() => Reset();
}
