using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

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
/// Writes a large CRM store with prepared INSERTs in one transaction on a migrated, empty database: users and their
/// channel roles, contacts with a WhatsApp chat each, deals (five per contact on average, linked to it), one
/// conversation with one message for the first contacts, one in twenty of them an unclaimed new client offered to three
/// reps. Each conversation has its entry in the channel's assignment history (in turn to its rep, or the offer), and two in
/// three of the in-turn ones the rep's reply. Two accounts are linked to CRM users: a sales rep (<see cref="RepAccountId"/>)
/// and a manager (<see cref="ManagerAccountId"/>); an administrator (<see cref="AdminAccountId"/>) reads the routing numbers.
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

    public static TimeSpan Generate(string connectionString, StoreSize size)
    {
        var watch = Stopwatch.StartNew();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        // A cache big enough for the index pages the random keys touch, so that the load is not a stream of page reloads.
        Execute(connection, "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-524288;");
        using var transaction = connection.BeginTransaction();

        var channel = Prepare(connection, transaction,
            "INSERT INTO Channels (Id, Transport, PlainId, Name, State, CreatedAtUtc, Version, FunnelId, StageId, Algorithm) VALUES ($1, 'WhatsApp', $2, $3, 'Active', $4, 0, 'f-bench', 's-new', 'RoundRobin')");
        Execute(connection, "INSERT INTO Funnels (Id, Name, Position) VALUES ('f-bench', 'Sales', 0)", transaction);
        Execute(connection, "INSERT INTO Stages (FunnelId, Id, Name, Position) VALUES ('f-bench', 's-new', 'New lead', 0)", transaction);
        for (var c = 0; c < size.Channels; c++)
        {
            Run(channel, ChannelId(c).ToString().ToUpperInvariant(), $"+3461{c:D7}", $"Channel {c}", Time(Start));
        }

        var user = Prepare(connection, transaction, "INSERT INTO CrmUsers (Id, Name, Phone) VALUES ($1, $2, NULL)");
        var access = Prepare(connection, transaction, "INSERT INTO ChannelAccess (ChannelId, CrmUserId, Role, ReceivesNewClients) VALUES ($1, $2, $3, $4)");
        for (var u = 0; u < size.Users; u++)
        {
            Run(user, UserId(u), $"User {u:D5}");
            var position = u % size.UsersPerChannel;
            var role = position == 0 ? "Manager" : position == 1 ? "QualityControl" : "SalesRep";
            Run(access, ChannelId(ChannelOf(size, u)).ToString().ToUpperInvariant(), UserId(u), role, role == "SalesRep" ? 1 : 0);
        }

        var contact = Prepare(connection, transaction, "INSERT INTO Contacts (Id, Name, ResponsibleUserId, Uri) VALUES ($1, $2, $3, NULL)");
        var chat = Prepare(connection, transaction, "INSERT INTO ContactChats (ContactId, ChatType, ChatId) VALUES ($1, 'whatsapp', $2)");
        for (var i = 0; i < size.Contacts; i++)
        {
            Run(contact, ContactId(i), $"Contact {i:D6}", i < size.Conversations && Unclaimed(i) ? null : UserId(ResponsibleOf(size, i)));
            Run(chat, ContactId(i), $"346{i:D8}");
        }

        var deal = Prepare(connection, transaction, "INSERT INTO Deals (Id, Name, ResponsibleUserId, Uri, Closed, FunnelId, StageId) VALUES ($1, $2, $3, NULL, $4, 'f-bench', 's-new')");
        var link = Prepare(connection, transaction, "INSERT INTO DealContacts (ContactsId, DealsId) VALUES ($1, $2)");
        for (var j = 0; j < size.Deals; j++)
        {
            var of = j % size.Contacts;
            // Most of a contact's deals are its responsible rep's; some are another rep's.
            var responsible = (j / size.Contacts) % 5 == 4 ? ResponsibleOf(size, of + 1) : ResponsibleOf(size, of);
            Run(deal, DealId(j), $"Deal {j:D7}", UserId(responsible), j % 4 == 0 ? 1 : 0);
            Run(link, ContactId(of), DealId(j));
        }

        var conversation = Prepare(connection, transaction,
            "INSERT INTO Conversations (Id, ChannelId, ContactId, NewClientDealId, CreatedAtUtc, LastActivityAtUtc, LastMessagePreview, Unanswered) VALUES ($1, $2, $3, NULL, $4, $5, $6, $7)");
        var message = Prepare(connection, transaction, "INSERT INTO Messages (ConversationId, Incoming, AuthorUserId, Text, SentAtUtc, PublicId, Status) VALUES ($1, 1, NULL, $2, $3, $4, 'Inbound')");
        var offer = Prepare(connection, transaction, "INSERT INTO ConversationOffers (ConversationId, UserId) VALUES ($1, $2)");
        var reply = Prepare(connection, transaction,
            "INSERT INTO Messages (ConversationId, Incoming, AuthorUserId, Text, SentAtUtc, PublicId, Status) VALUES ($1, 0, $2, 'Reply', $3, $4, 'Sent')");
        var assignment = Prepare(connection, transaction,
            "INSERT INTO Assignments (ConversationId, ChannelId, UserId, AtUtc, Reason, ReasonKind, ReasonNames) VALUES ($1, $2, $3, $4, '', $5, $6)");
        for (var i = 0; i < size.Conversations; i++)
        {
            var rep = ResponsibleOf(size, i);
            var channelId = ChannelId(ChannelOf(size, rep)).ToString().ToUpperInvariant();
            // Activity times in a scrambled order over the history's days, so that the newest are spread over users and
            // channels and a 30-day period holds a third of a channel's clients, the rest before it.
            var written = Start.AddSeconds((long)i * 7919 % size.Conversations * (HistoryDays * 86_400L) / size.Conversations);
            var at = Time(written);
            Run(conversation, i + 1, channelId, ContactId(i), at, at, $"Message {i}", i % 3 == 0 ? 1 : 0);
            Run(message, i + 1, $"Message {i}", at, Guid.NewGuid().ToString().ToUpperInvariant());
            if (Unclaimed(i))
            {
                var first = rep - rep % size.UsersPerChannel + 2;
                List<string> offeredTo = [];
                for (var k = 0; k < 3 && first + k < Math.Min(size.Users, (ChannelOf(size, rep) + 1) * size.UsersPerChannel); k++)
                {
                    Run(offer, i + 1, UserId(first + k));
                    offeredTo.Add($"User {first + k:D5}");
                }

                Run(assignment, i + 1, channelId, null, at, "FirstResponderOffered", System.Text.Json.JsonSerializer.Serialize(offeredTo));
            }
            else
            {
                Run(assignment, i + 1, channelId, UserId(rep), at, "InTurn", "[]");
                if (i % 3 != 0)
                {
                    // The rep's reply, from seconds to a quarter of an hour after the client wrote.
                    Run(reply, i + 1, UserId(rep), Time(written.AddSeconds(30 + (i % 900))), Guid.NewGuid().ToString().ToUpperInvariant());
                }
            }
        }

        var account = Prepare(connection, transaction,
            "INSERT INTO AspNetUsers (Id, CrmUserId, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp, ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount) " +
            "VALUES ($1, $2, $3, $4, $3, $4, 1, $5, $5, 0, 0, 1, 0)");
        Run(account, RepAccountId, UserId(RepUser), "rep@bench.test", "REP@BENCH.TEST", Guid.NewGuid().ToString("N"));
        Run(account, ManagerAccountId, UserId(ManagerUser), "manager@bench.test", "MANAGER@BENCH.TEST", Guid.NewGuid().ToString("N"));
        Run(account, AdminAccountId, null, "admin@bench.test", "ADMIN@BENCH.TEST", Guid.NewGuid().ToString("N"));
        Execute(connection, $"INSERT OR IGNORE INTO AspNetRoles (Id, Name, NormalizedName, ConcurrencyStamp) VALUES ('{Guid.NewGuid()}', 'Administrator', 'ADMINISTRATOR', '{Guid.NewGuid()}')", transaction);
        Execute(connection, $"INSERT INTO AspNetUserRoles (UserId, RoleId) SELECT '{AdminAccountId}', Id FROM AspNetRoles WHERE NormalizedName = 'ADMINISTRATOR'", transaction);

        transaction.Commit();
        return watch.Elapsed;
    }

    public static string ContactId(int i) => $"c-{i:D7}";

    public static string DealId(int j) => $"d-{j:D8}";

    private static string Time(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var count = !sql.Contains('$', StringComparison.Ordinal) ? 0 : Enumerable.Range(1, 9).Count(n => sql.Contains($"${n}", StringComparison.Ordinal));
        for (var n = 1; n <= count; n++)
        {
            command.Parameters.Add(new SqliteParameter($"${n}", null));
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var n = 0; n < values.Length; n++)
        {
            command.Parameters[n].Value = values[n] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }
}
