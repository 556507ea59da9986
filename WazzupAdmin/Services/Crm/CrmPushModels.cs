using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;

namespace WazzupAdmin.Services.Crm;

/// <summary>A CRM user as the API sends and lists it.</summary>
public sealed record CrmUserDto(string? Id, string? Name, string? Phone);

/// <summary>
/// One chat of a contact: <c>chatType</c> is a chat type (whatsapp, telegram, instagram, …), never a channel's transport.
/// A Telegram chat may be given by <c>username</c> or <c>phone</c> instead of <c>chatId</c>.
/// </summary>
public sealed record CrmChatDto(string? ChatType, string? ChatId, string? Username = null, string? Phone = null);

/// <summary>A contact as the API sends and lists it.</summary>
public sealed record CrmContactDto(string? Id, string? ResponsibleUserId, string? Name, IReadOnlyList<CrmChatDto?>? ContactData, string? Uri);

/// <summary>A deal as the API sends and lists it; <c>contacts</c> are contact ids.</summary>
public sealed record CrmDealDto(string? Id, string? ResponsibleUserId, string? Name, string? Uri, IReadOnlyList<string?>? Contacts, bool Closed)
{
    /// <summary>The documentation's own request example names the deal's address <c>link</c>; taken when <c>uri</c> is absent, never listed.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Link { get; init; }
}

/// <summary>A page of a list as the API answers it: how many there are in all, and this page's entities.</summary>
public sealed record CrmPage<T>(int Count, IReadOnlyList<T> Data);

public sealed record CrmStageDto(string? Id, string? Name);

/// <summary>A pipeline (funnel); <c>stages</c> is left out when the CRM has none.</summary>
public sealed record CrmPipelineDto(string? Id, string? Name, IReadOnlyList<CrmStageDto?>? Stages);

/// <summary>
/// What is wrong with one field of one entity, as a code (see <see cref="CrmProblem"/>) with an optional detail; the
/// API words it.
/// </summary>
public sealed record CrmFieldProblem(string Field, string Problem, string? Detail = null);

/// <summary>The failing fields of the entity at <paramref name="Index"/> of the request.</summary>
public sealed record CrmEntityError(int Index, string? Id, IReadOnlyList<CrmFieldProblem> Fields);

/// <summary>An entity at <paramref name="Index"/> refers, through <paramref name="Field"/>, to a record that does not exist.</summary>
public sealed record CrmMissingReference(int Index, string? Id, string Field, string MissingId);

/// <summary>The codes of <see cref="CrmFieldProblem"/>.</summary>
public static class CrmProblem
{
    public const string Required = "required";

    /// <summary>Detail: the limit.</summary>
    public const string TooLong = "tooLong";

    /// <summary>Detail: the repeated id.</summary>
    public const string DuplicateId = "duplicateId";

    public const string UnknownChatType = "unknownChatType";

    /// <summary>Detail: why, as an English resource key of the identifier rules.</summary>
    public const string InvalidChatId = "invalidChatId";

    /// <summary>A channel's transport (tgapi, wapi) where a chat type belongs; detail: the chat type meant.</summary>
    public const string TransportAsChatType = "transportAsChatType";

    /// <summary>A Telegram chat with none of chatId, username and phone.</summary>
    public const string TelegramChatUnnamed = "telegramChatUnnamed";

    /// <summary>username or phone on a chat type other than Telegram.</summary>
    public const string TelegramOnly = "telegramOnly";

    /// <summary>Detail: the id of the contact that has the chat.</summary>
    public const string ChatIdTaken = "chatIdTaken";

    public const string EmptyStages = "emptyStages";

    /// <summary>The entity is not an object (for example null).</summary>
    public const string NotAnObject = "notAnObject";

    /// <summary>A replacement list with nothing in it.</summary>
    public const string EmptyList = "emptyList";

    /// <summary>An address that is not an absolute http or https one.</summary>
    public const string NotAWebAddress = "notAWebAddress";
}

public enum CrmPushStatus
{
    Stored,

    /// <summary>More than <see cref="CrmSync.MaxEntities"/> entities; nothing was stored.</summary>
    TooMany,

    /// <summary>Some entities are invalid (<see cref="CrmPushOutcome.Errors"/>); nothing was stored.</summary>
    Invalid,

    /// <summary>Some entities name a responsible user who does not exist (<see cref="CrmPushOutcome.Missing"/>); nothing was stored.</summary>
    ResponsibleUserNotFound,

    /// <summary>Some deals name a contact that does not exist (<see cref="CrmPushOutcome.Missing"/>); nothing was stored.</summary>
    ContactNotFound,
}

/// <summary>What a push did. Anything but <see cref="CrmPushStatus.Stored"/> means nothing was stored.</summary>
public sealed record CrmPushOutcome(CrmPushStatus Status, int Count, IReadOnlyList<CrmEntityError> Errors, IReadOnlyList<CrmMissingReference> Missing)
{
    public bool Succeeded => Status == CrmPushStatus.Stored;

    public static CrmPushOutcome Stored(int count) => new(CrmPushStatus.Stored, count, [], []);

    public static CrmPushOutcome TooMany(int count) => new(CrmPushStatus.TooMany, count, [], []);

    public static CrmPushOutcome Invalid(IReadOnlyList<CrmEntityError> errors) => new(CrmPushStatus.Invalid, 0, errors, []);

    public static CrmPushOutcome NotFound(CrmPushStatus status, IReadOnlyList<CrmMissingReference> missing) => new(status, 0, [], missing);
}

/// <summary>The ids a deletion removed and those it did not find.</summary>
public sealed record CrmDeletion(IReadOnlyList<string> Deleted, IReadOnlyList<string> NotFound);

/// <summary>When the CRM last pushed one kind of data; null fields when it never did.</summary>
public sealed record CrmPushInfo(string Kind, DateTime? LastPushAtUtc, int LastCount, string? Source);

/// <summary>Shared rules of the CRM's pushes.</summary>
public static class CrmSync
{
    /// <summary>The most entities one write may carry.</summary>
    public const int MaxEntities = 100;

    /// <summary>The size of a page of a list.</summary>
    public const int PageSize = 100;

    /// <summary>The source recorded for the demo CRM's refresh.</summary>
    public const string DemoSource = "Demo CRM";

    /// <summary>Records that the CRM pushed <paramref name="count"/> records of <paramref name="kind"/> now, in the push's transaction.</summary>
    public static async Task RecordPushAsync(AppDbContext db, string kind, int count, string source, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var push = await db.CrmPushes.FirstOrDefaultAsync(p => p.Kind == kind, cancellationToken);
        if (push is null)
        {
            push = new CrmPush { Kind = kind };
            db.CrmPushes.Add(push);
        }

        push.LastPushAtUtc = nowUtc;
        push.LastCount = count;
        push.Source = Domain.Crm.FieldRules.Prefix(source, 100);
    }

    /// <summary>The name an API key's pushes are recorded under, in audit entries and assignment reasons.</summary>
    public static string ActorName(string source) => $"CRM ({source})";

    /// <summary>Adds a required-text problem: missing, or longer than <paramref name="maxLength"/>.</summary>
    internal static void Required(List<CrmFieldProblem> problems, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new CrmFieldProblem(field, CrmProblem.Required));
        }
        else
        {
            Optional(problems, field, value, maxLength);
        }
    }

    internal static void Optional(List<CrmFieldProblem> problems, string field, string? value, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength)
        {
            problems.Add(new CrmFieldProblem(field, CrmProblem.TooLong, maxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>A record's address in the CRM: within its limit and, when given, an absolute http or https address.</summary>
    internal static void WebAddress(List<CrmFieldProblem> problems, string field, string? value, int maxLength, bool required)
    {
        var before = problems.Count;
        if (required)
        {
            Required(problems, field, value, maxLength);
        }
        else
        {
            Optional(problems, field, value, maxLength);
        }

        if (problems.Count == before && !string.IsNullOrWhiteSpace(value) && !Domain.Security.WebAddress.IsHttp(value))
        {
            problems.Add(new CrmFieldProblem(field, CrmProblem.NotAWebAddress));
        }
    }

    /// <summary>Marks every repetition of an id already seen earlier in the request.</summary>
    internal static void Duplicate(List<CrmFieldProblem> problems, HashSet<string> seen, string? id)
    {
        if (!string.IsNullOrWhiteSpace(id) && !seen.Add(id))
        {
            problems.Add(new CrmFieldProblem("id", CrmProblem.DuplicateId, id));
        }
    }

    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
