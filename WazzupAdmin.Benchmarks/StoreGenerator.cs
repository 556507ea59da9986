using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;

namespace WazzupAdmin.Benchmarks;

/// <summary>The sizes of a generated CRM store; scale 1 is the benchmark's million deals.</summary>
public sealed record StoreSize(int Users, int Contacts, int Deals, int Conversations)
{
    public static StoreSize Scaled(double scale) => new(
        Math.Max(20, (int)(1_000 * scale)), Math.Max(100, (int)(200_000 * scale)), Math.Max(500, (int)(1_000_000 * scale)), Math.Max(50, (int)(100_000 * scale)));

    /// <summary>Channels of 100 users each (at least one): user 0 of a channel is its manager, 1 its quality control, the rest sales reps.</summary>
    public int Channels => Math.Max(1, Users / 100);

    public int UsersPerChannel => Users / Channels;
}

/// <summary>
/// Writes a large CRM store in one transaction on a migrated, empty database: users and their channel roles, contacts
/// with a WhatsApp chat each, deals (five per contact on average, linked to it), one conversation with one message for
/// the first contacts, one in twenty of them an unclaimed new client offered to three reps. Each conversation has its
/// entry in the channel's assignment history (in turn to its rep, or the offer), and two in three of the in-turn ones the
/// rep's reply. Two accounts are linked to CRM users: a sales rep (<see cref="RepAccountId"/>) and a manager
/// (<see cref="ManagerAccountId"/>); an administrator (<see cref="AdminAccountId"/>) reads the routing numbers.
/// <para>
/// The rows are described once, table by table, as .NET values; a SQLite file takes them by prepared INSERTs, PostgreSQL
/// by binary COPY, each engine's fastest plain way in, so that neither store's generation time is an artefact of the other's.
/// </para>
/// </summary>
public static class StoreGenerator
{
    public const string RepAccountId = "bench-rep-account";
    public const string ManagerAccountId = "bench-manager-account";

    /// <summary>An administrator, who reads the channels' routing numbers.</summary>
    public const string AdminAccountId = "bench-admin-account";
    public const int RepUser = 2;
    public const int ManagerUser = 0;

    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The days the conversations' first messages and assignment history are spread over, from 2026-01-01.</summary>
    public const int HistoryDays = 90;

    /// <summary>The last 30 days of the generated history, as the routing numbers page's "last 30 days" would be on its last day.</summary>
    public static (DateOnly From, DateOnly To) Last30Days => (DateOnly.FromDateTime(Start).AddDays(HistoryDays - 30), DateOnly.FromDateTime(Start).AddDays(HistoryDays - 1));

    public static string UserId(int user) => $"u-{user:D5}";

    public static Guid ChannelId(int channel) => new($"7b000000-0000-4000-8000-{channel:D12}");

    public static int ChannelOf(StoreSize size, int user) => Math.Min(user / size.UsersPerChannel, size.Channels - 1);

    /// <summary>A sales rep for contact i: users in turn, skipping each channel's manager and quality control.</summary>
    public static int ResponsibleOf(StoreSize size, int contact)
    {
        var user = contact % size.Users;
        return user % size.UsersPerChannel < 2 ? user - user % size.UsersPerChannel + 2 : user;
    }

    public static bool Unclaimed(int conversation) => conversation % 20 == 0;

    public static string ContactId(int i) => $"c-{i:D7}";

    public static string DealId(int j) => $"d-{j:D8}";

    /// <summary>Generates the store on the app's migrated database (its roles made, as the app makes them on start).</summary>
    public static TimeSpan Generate(StoreProvider provider, string connectionString, StoreSize size)
    {
        var watch = Stopwatch.StartNew();
        using RowSink sink = provider == StoreProvider.Postgres ? new PostgresSink(connectionString) : new SqliteSink(connectionString);
        foreach (var (table, columns, rows) in Tables(size))
        {
            sink.Write(table, columns, rows);
        }

        sink.Execute($"""INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") SELECT '{AdminAccountId}', "Id" FROM "AspNetRoles" WHERE "NormalizedName" = 'ADMINISTRATOR'""");
        sink.Commit();
        return watch.Elapsed;
    }

    private static IEnumerable<(string Table, string[] Columns, IEnumerable<object?[]> Rows)> Tables(StoreSize size)
    {
        yield return ("Funnels", ["Id", "Name", "Position"], [["f-bench", "Sales", 0]]);
        yield return ("Stages", ["FunnelId", "Id", "Name", "Position"], [["f-bench", "s-new", "New lead", 0]]);
        // The columns the app fills with a new entity's defaults, given the same values here: PostgreSQL's tables keep no
        // default of their own for some of them.
        var channel = new Channel();
        yield return ("Channels", ["Id", "Transport", "PlainId", "Name", "State", "CreatedAtUtc", "Version", "FunnelId", "StageId", "Algorithm",
            "OnlyOnlineRepsReceiveNewClients", "OfferMaxMoves", "OfferWidenTo", "QueuePerRepPerMinute", "WeeklyHours", "OutsideHours", "ReturningClients"],
            Enumerable.Range(0, size.Channels).Select(c => new object?[] { ChannelId(c), "WhatsApp", $"+3461{c:D7}", $"Channel {c}", "Active", Start, 0L, "f-bench", "s-new", "InTurn",
                channel.OnlyOnlineRepsReceiveNewClients, channel.OfferMaxMoves, (int)channel.OfferWidenTo, channel.QueuePerRepPerMinute, channel.WeeklyHours,
                channel.OutsideHours.ToString(), channel.ReturningClients.ToString() }));
        yield return ("CrmUsers", ["Id", "Name", "Phone"], Enumerable.Range(0, size.Users).Select(u => new object?[] { UserId(u), $"User {u:D5}", null }));
        var access = new ChannelAccess();
        yield return ("ChannelAccess", ["ChannelId", "CrmUserId", "Role", "ReceivesNewClients", "Weight", "Credit"], Enumerable.Range(0, size.Users).Select(u =>
        {
            var position = u % size.UsersPerChannel;
            var role = position == 0 ? "Manager" : position == 1 ? "QualityControl" : "SalesRep";
            return new object?[] { ChannelId(ChannelOf(size, u)), UserId(u), role, role == "SalesRep", access.Weight, access.Credit };
        }));
        var origin = new Contact().Origin.ToString();
        yield return ("Contacts", ["Id", "Name", "ResponsibleUserId", "Uri", "Origin", "Provisional"], Enumerable.Range(0, size.Contacts).Select(i =>
            new object?[] { ContactId(i), $"Contact {i:D6}", i < size.Conversations && Unclaimed(i) ? null : UserId(ResponsibleOf(size, i)), null, origin, false }));
        yield return ("ContactChats", ["ContactId", "ChatType", "ChatId"], Enumerable.Range(0, size.Contacts).Select(i => new object?[] { ContactId(i), "whatsapp", $"346{i:D8}" }));
        var dealOrigin = new Deal().Origin.ToString();
        yield return ("Deals", ["Id", "Name", "ResponsibleUserId", "Uri", "Closed", "FunnelId", "StageId", "Origin", "Provisional"], Enumerable.Range(0, size.Deals).Select(j =>
        {
            var of = j % size.Contacts;
            // Most of a contact's deals are its responsible rep's; some are another rep's.
            var responsible = (j / size.Contacts) % 5 == 4 ? ResponsibleOf(size, of + 1) : ResponsibleOf(size, of);
            return new object?[] { DealId(j), $"Deal {j:D7}", UserId(responsible), null, j % 4 == 0, "f-bench", "s-new", dealOrigin, false };
        }));
        yield return ("DealContacts", ["ContactsId", "DealsId"], Enumerable.Range(0, size.Deals).Select(j => new object?[] { ContactId(j % size.Contacts), DealId(j) }));
        yield return ("Conversations", ["Id", "ChannelId", "ContactId", "NewClientDealId", "CreatedAtUtc", "LastActivityAtUtc", "LastMessagePreview", "Unanswered", "OfferMoves"],
            Enumerable.Range(0, size.Conversations).Select(i =>
                new object?[] { (long)i + 1, ChannelOfConversation(size, i), ContactId(i), null, Written(size, i), Written(size, i), $"Message {i}", i % 3 == 0, 0 }));
        yield return ("Messages", ["ConversationId", "Incoming", "AuthorUserId", "Text", "SentAtUtc", "PublicId", "Status"], Messages(size));
        yield return ("ConversationOffers", ["ConversationId", "UserId"],
            Enumerable.Range(0, size.Conversations).Where(Unclaimed).SelectMany(i => OfferedTo(size, i).Select(u => new object?[] { (long)i + 1, UserId(u) })));
        yield return ("Assignments", ["ConversationId", "ChannelId", "UserId", "AtUtc", "Reason", "ReasonKind", "ReasonNames"],
            Enumerable.Range(0, size.Conversations).Select(i => Unclaimed(i)
                ? new object?[] { (long)i + 1, ChannelOfConversation(size, i), null, Written(size, i), "", "FirstResponderOffered", OfferedTo(size, i).Select(u => $"User {u:D5}").ToArray() }
                : new object?[] { (long)i + 1, ChannelOfConversation(size, i), UserId(ResponsibleOf(size, i)), Written(size, i), "", "InTurn", Array.Empty<string>() }));
        string[] accountColumns = ["Id", "CrmUserId", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp",
            "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount"];
        yield return ("AspNetUsers", accountColumns, new[] { (RepAccountId, (string?)UserId(RepUser), "rep"), (ManagerAccountId, UserId(ManagerUser), "manager"), (AdminAccountId, null, "admin") }
            .Select(a =>
            {
                var (id, crmUser, name) = a;
                var stamp = Guid.NewGuid().ToString("N");
                return new object?[] { id, crmUser, $"{name}@bench.test", $"{name.ToUpperInvariant()}@BENCH.TEST", $"{name}@bench.test", $"{name.ToUpperInvariant()}@BENCH.TEST", true, stamp, stamp, false, false, true, 0 };
            }));
    }

    /// <summary>Each conversation's client message and, two in three of the in-turn ones, the rep's reply just after it.</summary>
    private static IEnumerable<object?[]> Messages(StoreSize size)
    {
        for (var i = 0; i < size.Conversations; i++)
        {
            var written = Written(size, i);
            yield return [(long)i + 1, true, null, $"Message {i}", written, Guid.NewGuid(), "Inbound"];
            if (!Unclaimed(i) && i % 3 != 0)
            {
                // The rep's reply, from seconds to a quarter of an hour after the client wrote.
                yield return [(long)i + 1, false, UserId(ResponsibleOf(size, i)), "Reply", written.AddSeconds(30 + (i % 900)), Guid.NewGuid(), "Sent"];
            }
        }
    }

    private static Guid ChannelOfConversation(StoreSize size, int i) => ChannelId(ChannelOf(size, ResponsibleOf(size, i)));

    /// <summary>
    /// Activity times in a scrambled order over the history's days, so that the newest are spread over users and channels
    /// and a 30-day period holds a third of a channel's clients, the rest before it.
    /// </summary>
    private static DateTime Written(StoreSize size, int i) =>
        Start.AddSeconds((long)i * 7919 % size.Conversations * (HistoryDays * 86_400L) / size.Conversations);

    /// <summary>The first three sales reps of the conversation's channel, whom an unclaimed new client is offered to.</summary>
    private static IEnumerable<int> OfferedTo(StoreSize size, int i)
    {
        var rep = ResponsibleOf(size, i);
        var first = rep - rep % size.UsersPerChannel + 2;
        var end = Math.Min(size.Users, (ChannelOf(size, rep) + 1) * size.UsersPerChannel);
        return Enumerable.Range(first, Math.Max(0, Math.Min(3, end - first)));
    }

    /// <summary>One transaction on one connection that takes the generated tables one after the other.</summary>
    private abstract class RowSink : IDisposable
    {
        public abstract void Write(string table, string[] columns, IEnumerable<object?[]> rows);

        public abstract void Execute(string sql);

        public abstract void Commit();

        public abstract void Dispose();

        protected static string Quoted(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));
    }

    /// <summary>Prepared INSERTs, values stored as the app's EF Core model stores them on SQLite (text GUIDs and times, 0/1, JSON lists).</summary>
    private sealed class SqliteSink : RowSink
    {
        private readonly SqliteConnection connection;
        private readonly SqliteTransaction transaction;

        public SqliteSink(string connectionString)
        {
            connection = new SqliteConnection(connectionString);
            connection.Open();
            // A cache big enough for the index pages the random keys touch, so that the load is not a stream of page reloads.
            Execute("PRAGMA synchronous=NORMAL; PRAGMA cache_size=-524288;");
            transaction = connection.BeginTransaction();
        }

        public override void Write(string table, string[] columns, IEnumerable<object?[]> rows)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO \"{table}\" ({Quoted(columns)}) VALUES ({string.Join(", ", columns.Select((_, n) => $"${n + 1}"))})";
            for (var n = 1; n <= columns.Length; n++)
            {
                command.Parameters.Add(new SqliteParameter($"${n}", null));
            }

            command.Prepare();
            foreach (var row in rows)
            {
                for (var n = 0; n < row.Length; n++)
                {
                    command.Parameters[n].Value = row[n] switch
                    {
                        null => DBNull.Value,
                        Guid g => g.ToString().ToUpperInvariant(),
                        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                        bool b => b ? 1 : 0,
                        string[] list => System.Text.Json.JsonSerializer.Serialize(list),
                        var value => value,
                    };
                }

                command.ExecuteNonQuery();
            }
        }

        public override void Execute(string sql)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        public override void Commit() => transaction.Commit();

        public override void Dispose()
        {
            transaction.Dispose();
            connection.Dispose();
        }
    }

    /// <summary>
    /// Binary COPY, one table at a time, in one transaction. The rows carry explicit conversation ids, so the identity's
    /// sequence is moved past them afterwards, and the tables are analyzed once, as autovacuum does on its own shortly after
    /// a bulk load, so that the timed queries do not depend on whether it has come round yet.
    /// </summary>
    private sealed class PostgresSink : RowSink
    {
        private readonly NpgsqlConnection connection;
        private readonly NpgsqlTransaction transaction;

        public PostgresSink(string connectionString)
        {
            connection = new NpgsqlConnection(connectionString);
            connection.Open();
            transaction = connection.BeginTransaction();
        }

        public override void Write(string table, string[] columns, IEnumerable<object?[]> rows)
        {
            using var import = connection.BeginBinaryImport($"COPY \"{table}\" ({Quoted(columns)}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                import.StartRow();
                foreach (var value in row)
                {
                    switch (value)
                    {
                        case null:
                            import.WriteNull();
                            break;
                        case string text:
                            import.Write(text, NpgsqlDbType.Text);
                            break;
                        case DateTime time:
                            import.Write(time, NpgsqlDbType.TimestampTz);
                            break;
                        case string[] list:
                            import.Write(list, NpgsqlDbType.Array | NpgsqlDbType.Text);
                            break;
                        case Guid id:
                            import.Write(id, NpgsqlDbType.Uuid);
                            break;
                        case bool flag:
                            import.Write(flag, NpgsqlDbType.Boolean);
                            break;
                        case long number:
                            import.Write(number, NpgsqlDbType.Bigint);
                            break;
                        case int number:
                            import.Write(number, NpgsqlDbType.Integer);
                            break;
                        default:
                            throw new NotSupportedException($"No COPY type for {value.GetType().Name}.");
                    }
                }
            }

            import.Complete();
        }

        public override void Execute(string sql)
        {
            using var command = new NpgsqlCommand(sql, connection, transaction);
            command.ExecuteNonQuery();
        }

        public override void Commit()
        {
            Execute("""SELECT setval(pg_get_serial_sequence('"Conversations"', 'Id'), (SELECT MAX("Id") FROM "Conversations"))""");
            transaction.Commit();
            using var analyze = new NpgsqlCommand("ANALYZE", connection);
            analyze.ExecuteNonQuery();
        }

        public override void Dispose()
        {
            transaction.Dispose();
            connection.Dispose();
        }
    }
}
