using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Microsoft.EntityFrameworkCore.Storage;
using WazzupAdmin.Data.Entities;

namespace WazzupAdmin.Data;

/// <summary>
/// Writes the rows of clients' messages with prepared SQL statements, on the context's connection and inside its open
/// transaction, in the same columns and formats as EF Core (a <see cref="Guid"/> as upper-case text, a
/// <see cref="DateTime"/> as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, an enum as its name).
/// <para>
/// A new client is about ten rows. Through EF Core's change tracker each costs far more than SQLite's own insert, and
/// since SQLite admits one writer at a time, that cost is what limits how many new clients a second the console takes
/// (see BENCHMARKS.md). Each statement is prepared the first time it runs and then only rebound: for the life of the
/// connection when the writer keeps one (<see cref="On"/> and <see cref="Within"/>), else for the transaction
/// (<see cref="For"/>). Nothing written here is tracked by the context.
/// </para>
/// <para>
/// The statements are the same on PostgreSQL; only the values are bound as its own types there (a uuid, a boolean, a
/// timestamptz, a text array).
/// </para>
/// </summary>
public sealed class IncomingRows : IDisposable
{
    private readonly DbConnection connection;
    private readonly bool postgres;
    private readonly Dictionary<string, DbCommand> commands = [];
    private DbTransaction? transaction;

    private IncomingRows(DbConnection connection)
    {
        this.connection = connection;
        postgres = connection is NpgsqlConnection;
    }

    /// <summary>Writes on <paramref name="db"/>'s connection, inside the transaction it must have begun.</summary>
    public static IncomingRows For(AppDbContext db) => On(db.Database.GetDbConnection()).Within(db);

    /// <summary>Statements for a connection that stays open across transactions; each is prepared once for it.</summary>
    public static IncomingRows On(DbConnection connection) => new(connection);

    /// <summary>Writes inside the transaction <paramref name="db"/> has begun on this connection.</summary>
    public IncomingRows Within(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.GetDbConnection() != connection)
        {
            throw new InvalidOperationException("The context writes on another connection.");
        }

        transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Begin the transaction before writing rows.");
        foreach (var command in commands.Values)
        {
            command.Transaction = transaction;
        }

        return this;
    }

    public void InsertContact(Contact contact)
    {
        Execute("""
            INSERT INTO "Contacts" ("Id", "Name", "ResponsibleUserId", "Uri", "DeletedAtUtc", "Origin", "OriginSource", "Provisional")
            VALUES (@id, @name, @responsible, @uri, @deleted, @origin, @source, @provisional)
            """,
            ("@id", contact.Id), ("@name", contact.Name), ("@responsible", contact.ResponsibleUserId), ("@uri", contact.Uri), ("@deleted", contact.DeletedAtUtc),
            ("@origin", contact.Origin.ToString()), ("@source", contact.OriginSource), ("@provisional", contact.Provisional));
        foreach (var chat in contact.Chats)
        {
            Execute("""INSERT INTO "ContactChats" ("ContactId", "ChatType", "ChatId", "Username", "Phone") VALUES (@contact, @type, @chat, @username, @phone)""",
                ("@contact", contact.Id), ("@type", chat.ChatType), ("@chat", chat.ChatId), ("@username", chat.Username), ("@phone", chat.Phone));
        }
    }

    /// <summary>Fills in what a stored chat did not know yet (a Telegram chat the CRM gave by username or phone learns its id).</summary>
    public void CompleteChat(ContactChat chat) =>
        Execute("""UPDATE "ContactChats" SET "ChatId" = @chat, "Username" = @username, "Phone" = @phone WHERE "Id" = @id""",
            ("@chat", chat.ChatId), ("@username", chat.Username), ("@phone", chat.Phone), ("@id", chat.Id));

    /// <summary>The deal and its links to <paramref name="contactIds"/>.</summary>
    public void InsertDeal(Deal deal, IEnumerable<string> contactIds)
    {
        Execute("""
            INSERT INTO "Deals" ("Id", "Name", "ResponsibleUserId", "FunnelId", "StageId", "FunnelName", "StageName", "Uri", "Closed", "Origin", "OriginSource", "Provisional")
            VALUES (@id, @name, @responsible, @funnel, @stage, @funnelName, @stageName, @uri, @closed, @origin, @source, @provisional)
            """,
            ("@id", deal.Id), ("@name", deal.Name), ("@responsible", deal.ResponsibleUserId), ("@funnel", deal.FunnelId),
            ("@stage", deal.StageId), ("@funnelName", deal.FunnelName), ("@stageName", deal.StageName), ("@uri", deal.Uri), ("@closed", deal.Closed),
            ("@origin", deal.Origin.ToString()), ("@source", deal.OriginSource), ("@provisional", deal.Provisional));
        foreach (var contactId in contactIds)
        {
            Execute("""INSERT INTO "DealContacts" ("ContactsId", "DealsId") VALUES (@contact, @deal)""", ("@contact", contactId), ("@deal", deal.Id));
        }
    }

    /// <summary>Inserts the conversation and its offers, and gives it its id.</summary>
    public void InsertConversation(Conversation conversation)
    {
        conversation.Id = Scalar("""
            INSERT INTO "Conversations" ("ChannelId", "ContactId", "NewClientDealId", "CreatedAtUtc", "LastActivityAtUtc", "LastMessagePreview", "Unanswered", "OfferDueAtUtc", "OfferMoves", "QueuedAtUtc")
            VALUES (@channel, @contact, @deal, @created, @activity, @preview, @unanswered, @due, 0, @queued) RETURNING "Id"
            """,
            ("@channel", conversation.ChannelId), ("@contact", conversation.ContactId), ("@deal", conversation.NewClientDealId),
            ("@created", conversation.CreatedAtUtc), ("@activity", conversation.LastActivityAtUtc), ("@preview", conversation.LastMessagePreview),
            ("@unanswered", conversation.Unanswered), ("@due", conversation.OfferDueAtUtc), ("@queued", conversation.QueuedAtUtc));
        foreach (var offer in conversation.Offers)
        {
            offer.ConversationId = conversation.Id;
            Execute("""INSERT INTO "ConversationOffers" ("ConversationId", "UserId") VALUES (@conversation, @user)""",
                ("@conversation", conversation.Id), ("@user", offer.UserId));
        }
    }

    /// <summary>The conversation's latest activity, as a new message changes it.</summary>
    public void UpdateConversationActivity(Conversation conversation) =>
        Execute("""UPDATE "Conversations" SET "LastActivityAtUtc" = @activity, "LastMessagePreview" = @preview, "Unanswered" = @unanswered WHERE "Id" = @id""",
            ("@activity", conversation.LastActivityAtUtc), ("@preview", conversation.LastMessagePreview), ("@unanswered", conversation.Unanswered),
            ("@id", conversation.Id));

    /// <summary>Inserts the message into its conversation and gives it its id.</summary>
    public void InsertMessage(long conversationId, Message message)
    {
        message.ConversationId = conversationId;
        message.Id = Scalar("""
            INSERT INTO "Messages" ("ConversationId", "Incoming", "AuthorUserId", "Text", "SentAtUtc", "PublicId", "Status")
            VALUES (@conversation, @incoming, @author, @text, @sent, @public, @status) RETURNING "Id"
            """,
            ("@conversation", conversationId), ("@incoming", message.Incoming), ("@author", message.AuthorUserId), ("@text", message.Text),
            ("@sent", message.SentAtUtc), ("@public", message.PublicId), ("@status", message.Status.ToString()));
    }

    public void InsertAssignment(Assignment assignment) =>
        assignment.Id = Scalar("""
            INSERT INTO "Assignments" ("ConversationId", "ChannelId", "UserId", "AtUtc", "Reason", "ReasonKind", "ReasonActor", "ReasonPrevious", "ReasonNames", "ReasonSkipped")
            VALUES (@conversation, @channel, @user, @at, @reason, @kind, @actor, @previous, @names, @skipped) RETURNING "Id"
            """,
            ("@conversation", assignment.ConversationId), ("@channel", assignment.ChannelId), ("@user", assignment.UserId), ("@at", assignment.AtUtc),
            ("@reason", assignment.Reason), ("@kind", assignment.ReasonKind.ToString()), ("@actor", assignment.ReasonActor),
            ("@previous", assignment.ReasonPrevious), ("@names", postgres ? assignment.ReasonNames.ToArray() : System.Text.Json.JsonSerializer.Serialize(assignment.ReasonNames)),
            ("@skipped", assignment.ReasonSkipped is null ? null : postgres ? assignment.ReasonSkipped.ToArray() : System.Text.Json.JsonSerializer.Serialize(assignment.ReasonSkipped)));

    /// <summary>The channel's rotation as it stands after the batch, inserted the first time.</summary>
    public void SaveTurn(ChannelTurn turn) =>
        Execute("""
            INSERT INTO "ChannelTurns" ("ChannelId", "LastAssignedUserId", "ClientsDistributed") VALUES (@channel, @last, @count)
            ON CONFLICT ("ChannelId") DO UPDATE SET "LastAssignedUserId" = excluded."LastAssignedUserId", "ClientsDistributed" = excluded."ClientsDistributed"
            """,
            ("@channel", turn.ChannelId), ("@last", turn.LastAssignedUserId), ("@count", turn.ClientsDistributed));

    /// <summary>A returning client's new responsible user (null: the managers'), and their new client's deal's while it was the old one's.</summary>
    public void UpdateResponsible(string contactId, string? dealId, string? before, string? after)
    {
        Execute("""UPDATE "Contacts" SET "ResponsibleUserId" = @after WHERE "Id" = @contact""", ("@after", after), ("@contact", contactId));
        if (dealId is not null)
        {
            Execute("""UPDATE "Deals" SET "ResponsibleUserId" = @after WHERE "Id" = @deal AND "ResponsibleUserId" = @before""",
                ("@after", after), ("@deal", dealId), ("@before", before));
        }
    }

    /// <summary>In turn with weights: a rep's credit after the batch's clients.</summary>
    public void SaveCredit(Guid channelId, string userId, long credit) =>
        Execute("""UPDATE "ChannelAccess" SET "Credit" = @credit WHERE "ChannelId" = @channel AND "CrmUserId" = @user""",
            ("@credit", credit), ("@channel", channelId), ("@user", userId));

    public void InsertOutboxEvent(OutboxEvent outboxEvent) =>
        outboxEvent.Id = Scalar("""
            INSERT INTO "OutboxEvents" ("EventId", "Kind", "OrderingKey", "SubjectId", "Payload", "Status", "Attempts", "CreatedAtUtc", "NextAttemptAtUtc")
            VALUES (@event, @kind, @key, @subject, @payload, @status, @attempts, @created, @next) RETURNING "Id"
            """,
            ("@event", outboxEvent.EventId), ("@kind", outboxEvent.Kind), ("@key", outboxEvent.OrderingKey), ("@subject", outboxEvent.SubjectId),
            ("@payload", outboxEvent.Payload),
            ("@status", outboxEvent.Status.ToString()), ("@attempts", outboxEvent.Attempts), ("@created", outboxEvent.CreatedAtUtc),
            ("@next", outboxEvent.NextAttemptAtUtc));

    /// <summary>
    /// SQLite's <c>PRAGMA data_version</c> of this connection: it changes when another connection commits to the file,
    /// never for this connection's own commits.
    /// </summary>
    public long DataVersion() => postgres
        ? throw new NotSupportedException("PostgreSQL has no data_version.")
        : (long)Bind("PRAGMA data_version", []).ExecuteScalar()!;

    private void Execute(string sql, params (string Name, object? Value)[] values) => Bind(sql, values).ExecuteNonQuery();

    private long Scalar(string sql, params (string Name, object? Value)[] values) => (long)Bind(sql, values).ExecuteScalar()!;

    private DbCommand Bind(string sql, (string Name, object? Value)[] values)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction ?? throw new InvalidOperationException("Begin the transaction before writing rows.");
            foreach (var (name, _) in values)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            commands[sql] = command;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (postgres)
            {
                command.Parameters[i].Value = values[i].Value switch
                {
                    null => DBNull.Value,
                    DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
                    var value => value,
                };
                continue;
            }

            var sqlite = (SqliteParameter)command.Parameters[i];
            (sqlite.SqliteType, sqlite.Value) = values[i].Value switch
            {
                null => (SqliteType.Text, DBNull.Value),
                // EF Core keeps a Guid as upper-case text; Microsoft.Data.Sqlite would otherwise bind it as a blob.
                Guid guid => (SqliteType.Text, guid.ToString().ToUpperInvariant()),
                bool flag => (SqliteType.Integer, flag ? 1L : 0L),
                int number => (SqliteType.Integer, number),
                long number => (SqliteType.Integer, number),
                DateTime time => (SqliteType.Text, (object)time),
                var value => (SqliteType.Text, value),
            };
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }
    }
}
