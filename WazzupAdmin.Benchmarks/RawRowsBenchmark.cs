using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Benchmarks;

/// <summary>
/// The limit a new client's rows set: the same rows the app wrote for one of its new clients (contact, chat, deal and
/// its link, conversation, offers, message, assignments, the channel's turn once a transaction, webhook events), written
/// again with fresh keys by plain prepared statements, one writer, in transactions of the same sizes the app's writer
/// committed during the run — and nothing else: no context, no reads, no decisions, no waiting callers.
/// </summary>
public static class RawRowsBenchmark
{
    /// <summary>What one run of the app wrote: the transaction sizes, in order, and the rows of its last new client.</summary>
    public sealed record Recorded(IReadOnlyList<int> BatchSizes, NewClientRows Sample, bool SavesTurn, int OutboxEventsPerClient)
    {
        public double MeanBatch => BatchSizes.Count == 0 ? 0 : BatchSizes.Average();

        public int RowsPerClient =>
            Sample.Contact.Chats.Count + 1 + 2 + 1 + Sample.Conversation.Offers.Count + 1 + Sample.Assignments.Count + OutboxEventsPerClient;
    }

    /// <summary>The rows of one new client as the app stored them.</summary>
    public sealed record NewClientRows(Contact Contact, Deal Deal, Conversation Conversation, Message Message, IReadOnlyList<Assignment> Assignments,
        OutboxEvent? OutboxEvent);

    /// <summary>Records the sizes of the transactions the app's writer commits while it is alive.</summary>
    public sealed class BatchRecorder : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly List<int> sizes = [];
        private readonly Lock gate = new();

        public BatchRecorder()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == IncomingMessageWriter.MeterName && instrument.Name == IncomingMessageWriter.BatchSizeInstrument)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
            {
                lock (gate)
                {
                    sizes.Add(size);
                }
            });
            listener.Start();
        }

        public IReadOnlyList<int> Sizes
        {
            get
            {
                lock (gate)
                {
                    return [.. sizes];
                }
            }
        }

        public void Dispose() => listener.Dispose();
    }

    /// <summary>The rows counted before a run, to tell afterwards how many webhook events a new client wrote.</summary>
    public static async Task<int> OutboxCountAsync(AppHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.OutboxEvents.CountAsync();
    }

    /// <summary>What the app wrote for the last new client of <paramref name="channelId"/>, and the run's transaction sizes.</summary>
    public static async Task<Recorded> RecordAsync(AppHost host, Guid channelId, IReadOnlyList<int> batchSizes, int clients, int outboxBefore)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var conversation = await db.Conversations.AsNoTracking().Include(c => c.Offers)
            .Where(c => c.ChannelId == channelId && c.NewClientDealId != null).OrderByDescending(c => c.Id).FirstAsync();
        var contact = await db.Contacts.AsNoTracking().Include(c => c.Chats).FirstAsync(c => c.Id == conversation.ContactId);
        var deal = await db.Deals.AsNoTracking().FirstAsync(d => d.Id == conversation.NewClientDealId);
        var message = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversation.Id).OrderBy(m => m.Id).FirstAsync();
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.ConversationId == conversation.Id).ToListAsync();
        var outboxPerClient = (int)Math.Round((await db.OutboxEvents.CountAsync() - outboxBefore) / (double)clients);
        var outbox = outboxPerClient > 0 ? await db.OutboxEvents.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync() : null;
        var savesTurn = await db.ChannelTurns.AnyAsync(t => t.ChannelId == channelId);
        return new Recorded(batchSizes, new NewClientRows(contact, deal, conversation, message, assignments, outbox), savesTurn, outboxPerClient);
    }

    /// <summary>
    /// Writes <paramref name="clients"/> copies of the recorded client in the recorded transaction sizes (repeated from the
    /// start when the run needs more) on the app's store, through a connection the app's store opens (so with its
    /// pragmas), and returns new clients per second. The rows are deleted again afterwards.
    /// </summary>
    public static async Task<double> RunAsync(AppHost host, Recorded recorded, int clients)
    {
        var factory = host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var sizes = recorded.BatchSizes.Count > 0 ? recorded.BatchSizes : [1];
        var writer = new Writer(connection, recorded);
        var marker = $"raw-{Guid.NewGuid():N}";
        var written = 0;
        var batch = 0;
        var watch = Stopwatch.StartNew();
        while (written < clients)
        {
            var size = Math.Min(sizes[batch++ % sizes.Count], clients - written);
            using var transaction = connection.BeginTransaction(deferred: false);
            writer.Enlist(transaction);
            for (var i = 0; i < size; i++)
            {
                writer.WriteClient($"{marker}-{written++}");
            }

            writer.WriteTurn(written);
            transaction.Commit();
        }

        watch.Stop();
        writer.Dispose();
        await RemoveAsync(connection, marker);
        return clients / watch.Elapsed.TotalSeconds;
    }

    private static async Task RemoveAsync(SqliteConnection connection, string marker)
    {
        await using var delete = connection.CreateCommand();
        delete.CommandText = """
            DELETE FROM "Assignments" WHERE "ConversationId" IN (SELECT c."Id" FROM "Conversations" c WHERE c."ContactId" LIKE $m);
            DELETE FROM "ConversationOffers" WHERE "ConversationId" IN (SELECT c."Id" FROM "Conversations" c WHERE c."ContactId" LIKE $m);
            DELETE FROM "Messages" WHERE "ConversationId" IN (SELECT c."Id" FROM "Conversations" c WHERE c."ContactId" LIKE $m);
            DELETE FROM "Conversations" WHERE "ContactId" LIKE $m;
            DELETE FROM "DealContacts" WHERE "ContactsId" LIKE $m;
            DELETE FROM "Deals" WHERE "Id" LIKE $m;
            DELETE FROM "ContactChats" WHERE "ContactId" LIKE $m;
            DELETE FROM "Contacts" WHERE "Id" LIKE $m;
            DELETE FROM "OutboxEvents" WHERE "SubjectId" LIKE $m;
            """;
        delete.Parameters.AddWithValue("$m", marker + "-%");
        await delete.ExecuteNonQueryAsync();
    }

    /// <summary>The statements, prepared once, each execution only rebinding its values.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly Recorded recorded;
        private readonly SqliteCommand contact;
        private readonly SqliteCommand chat;
        private readonly SqliteCommand deal;
        private readonly SqliteCommand dealContact;
        private readonly SqliteCommand conversation;
        private readonly SqliteCommand offer;
        private readonly SqliteCommand message;
        private readonly SqliteCommand assignment;
        private readonly SqliteCommand turn;
        private readonly SqliteCommand outbox;
        private readonly SqliteCommand[] all;
        private bool prepared;

        public Writer(SqliteConnection connection, Recorded recorded)
        {
            this.recorded = recorded;
            contact = Prepare(connection, """
                INSERT INTO "Contacts" ("Id", "Name", "ResponsibleUserId", "Uri", "DeletedAtUtc", "Origin", "OriginSource", "Provisional")
                VALUES ($id, $name, $responsible, NULL, NULL, $origin, NULL, 0)
                """, "$id", "$name", "$responsible", "$origin");
            chat = Prepare(connection, """INSERT INTO "ContactChats" ("ContactId", "ChatType", "ChatId", "Username", "Phone") VALUES ($contact, $type, $chat, NULL, NULL)""",
                "$contact", "$type", "$chat");
            deal = Prepare(connection, """
                INSERT INTO "Deals" ("Id", "Name", "ResponsibleUserId", "FunnelId", "StageId", "FunnelName", "StageName", "Uri", "Closed", "Origin", "OriginSource", "Provisional")
                VALUES ($id, $name, $responsible, $funnel, $stage, $funnelName, $stageName, NULL, 0, $origin, NULL, 0)
                """, "$id", "$name", "$responsible", "$funnel", "$stage", "$funnelName", "$stageName", "$origin");
            dealContact = Prepare(connection, """INSERT INTO "DealContacts" ("ContactsId", "DealsId") VALUES ($contact, $deal)""", "$contact", "$deal");
            conversation = Prepare(connection, """
                INSERT INTO "Conversations" ("ChannelId", "ContactId", "NewClientDealId", "CreatedAtUtc", "LastActivityAtUtc", "LastMessagePreview", "Unanswered")
                VALUES ($channel, $contact, $deal, $created, $created, $preview, 1) RETURNING "Id"
                """, "$channel", "$contact", "$deal", "$created", "$preview");
            offer = Prepare(connection, """INSERT INTO "ConversationOffers" ("ConversationId", "UserId") VALUES ($conversation, $user)""", "$conversation", "$user");
            message = Prepare(connection, """
                INSERT INTO "Messages" ("ConversationId", "Incoming", "AuthorUserId", "Text", "SentAtUtc", "PublicId", "Status")
                VALUES ($conversation, 1, NULL, $text, $sent, $public, $status)
                """, "$conversation", "$text", "$sent", "$public", "$status");
            assignment = Prepare(connection, """
                INSERT INTO "Assignments" ("ConversationId", "ChannelId", "UserId", "AtUtc", "Reason", "ReasonKind", "ReasonActor", "ReasonPrevious", "ReasonNames")
                VALUES ($conversation, $channel, $user, $at, $reason, $kind, NULL, NULL, $names)
                """, "$conversation", "$channel", "$user", "$at", "$reason", "$kind", "$names");
            turn = Prepare(connection, """
                INSERT INTO "ChannelTurns" ("ChannelId", "LastAssignedUserId", "ClientsDistributed") VALUES ($channel, $last, $count)
                ON CONFLICT ("ChannelId") DO UPDATE SET "LastAssignedUserId" = excluded."LastAssignedUserId", "ClientsDistributed" = excluded."ClientsDistributed"
                """, "$channel", "$last", "$count");
            outbox = Prepare(connection, """
                INSERT INTO "OutboxEvents" ("EventId", "Kind", "OrderingKey", "SubjectId", "Payload", "Status", "Attempts", "CreatedAtUtc", "NextAttemptAtUtc")
                VALUES ($event, $kind, $key, $subject, $payload, $status, 0, $created, $created)
                """, "$event", "$kind", "$key", "$subject", "$payload", "$status", "$created");
            all = [contact, chat, deal, dealContact, conversation, offer, message, assignment, turn, outbox];
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                // No type given: each value binds as what it is (text, integer, or a DateTime as EF Core's text).
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            return command;
        }

        public void Enlist(SqliteTransaction transaction)
        {
            foreach (var command in all)
            {
                command.Transaction = transaction;
                if (!prepared)
                {
                    command.Prepare();
                }
            }

            prepared = true;
        }

        public void WriteClient(string id)
        {
            var sample = recorded.Sample;
            var now = DateTime.UtcNow;
            Run(contact, id, sample.Contact.Name, sample.Contact.ResponsibleUserId, sample.Contact.Origin.ToString());
            foreach (var known in sample.Contact.Chats)
            {
                Run(chat, id, known.ChatType, id);
            }

            var d = sample.Deal;
            Run(deal, id, d.Name, d.ResponsibleUserId, d.FunnelId, d.StageId, d.FunnelName, d.StageName, d.Origin.ToString());
            Run(dealContact, id, id);
            var c = sample.Conversation;
            conversation.Parameters[0].Value = c.ChannelId.ToString().ToUpperInvariant();
            conversation.Parameters[1].Value = id;
            conversation.Parameters[2].Value = id;
            conversation.Parameters[3].Value = now;
            conversation.Parameters[4].Value = c.LastMessagePreview ?? (object)DBNull.Value;
            var conversationId = (long)conversation.ExecuteScalar()!;
            foreach (var offered in c.Offers)
            {
                Run(offer, conversationId, offered.UserId);
            }

            var m = sample.Message;
            Run(message, conversationId, m.Text, now, Guid.NewGuid().ToString().ToUpperInvariant(), m.Status.ToString());
            foreach (var a in sample.Assignments)
            {
                Run(assignment, conversationId, a.ChannelId.ToString().ToUpperInvariant(), a.UserId, now, a.Reason, a.ReasonKind.ToString(),
                    System.Text.Json.JsonSerializer.Serialize(a.ReasonNames));
            }

            if (sample.OutboxEvent is { } e)
            {
                for (var i = 0; i < recorded.OutboxEventsPerClient; i++)
                {
                    Run(outbox, Guid.NewGuid().ToString(), e.Kind, id, id, e.Payload, e.Status.ToString(), now);
                }
            }
        }

        /// <summary>The turn's row, once a transaction, where the channel keeps one (in turn).</summary>
        public void WriteTurn(int count)
        {
            if (recorded.SavesTurn)
            {
                Run(turn, recorded.Sample.Conversation.ChannelId.ToString().ToUpperInvariant(), recorded.Sample.Contact.ResponsibleUserId, count);
            }
        }

        private static void Run(SqliteCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }

        public void Dispose()
        {
            foreach (var command in all)
            {
                command.Dispose();
            }
        }
    }
}
