using System.Globalization;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Services.Crm;

namespace WazzupAdmin.Api;

/// <summary>The answer to a successful write: how many entities were stored.</summary>
public sealed record CrmPushResult(int Stored);

/// <summary>
/// A user's unanswered counter as the real product's v3 gives it: <c>counterV2</c> clients wait for an answer; <c>type</c>
/// is <c>red</c> when they wait for this user's answer and <c>grey</c> when the counter only informs (the user is quality
/// control everywhere); <c>lastMsgDateTime</c> is when the latest of them wrote (null when none waits).
/// </summary>
public sealed record CrmUnansweredCounter(int CounterV2, string Type, DateTime? LastMsgDateTime);

/// <summary>
/// One invalid entity of a write as the documentation shapes it: its index in the request and the names of its failing
/// fields. <c>id</c> and <c>descriptions</c> (an English message per failing field) are additions of this console.
/// </summary>
public sealed record CrmValidationError(int Index, string? Id, IReadOnlyList<string> Fields, IReadOnlyDictionary<string, string> Descriptions);

/// <summary>The codes of the CRM endpoints' errors, beyond the common ones of <see cref="ApiErrors"/>.</summary>
public static class CrmApiErrors
{
    public const string ResponsibleUserNotFound = "RESPONSIBLE_USER_NOT_FOUND";
    public const string ContactNotFound = "CONTACT_NOT_FOUND";

    // The documented codes of a write with an invalid entity, one per kind.
    public const string InvalidUsersData = "INVALID_USERS_DATA";
    public const string InvalidContactsData = "INVALID_CONTACTS_DATA";
    public const string InvalidDealsData = "INVALID_DEALS_DATA";
    public const string InvalidPipelinesData = "INVALID_PIPELINES_DATA";
}

/// <summary>
/// The CRM's pushes: users, contacts and deals (upsert, list, get, delete, bulk delete), pipelines (replace, list) and
/// the unanswered counter. Thin: the rules are in <see cref="CrmSyncService"/> and <see cref="CrmPipelineService"/>.
/// </summary>
public static class CrmEndpoints
{
    public static RouteGroupBuilder MapCrmEndpoints(this RouteGroupBuilder api)
    {
        MapKind<CrmUserDto>(
            api, "users", "Users", "user", CrmApiErrors.InvalidUsersData,
            "`{id (≤200), name (≤200), phone? (≤30)}`.",
            (s, items, source, ct) => s.UpsertUsersAsync(items, source, ct), (s, offset, ct) => s.ListUsersAsync(offset, ct),
            (s, id, ct) => s.GetUserAsync(id, ct), (s, ids, ct) => s.DeleteUsersAsync(ids, ct),
            "Deleting a user leaves its contacts and deals without a responsible user (they are listed as unassigned in the "
            + "console), ends its channel access and offers, and unlinks a console account linked to it.");
        MapKind<CrmContactDto>(
            api, "contacts", "Contacts", "contact", CrmApiErrors.InvalidContactsData,
            "`{id (≤100), responsibleUserId (≤100), name (≤200), contactData: [{chatType, chatId, username?, phone?}], uri? (≤200)}`. "
            + $"chatType is a chat type ({ChatTypes.Names}), not a channel's transport: WhatsApp and WABA channels write to whatsapp chats, "
            + "Telegram and Telegram Bot channels to telegram chats. A whatsapp or viber chatId is the phone's digits (spaces, dashes, brackets "
            + "and a leading + are dropped; the console does not check the number plan); an instagram chatId is the username without @; "
            + "a telegram chat is given by chatId (numeric id or username), username (without @) or phone (digits), at least one, and is "
            + "found by any of them when that client writes; whatsgroup, telegroup, vk and avito ids are kept as sent (≤100). "
            + "Each chat id, Telegram username and Telegram phone belongs to one contact. "
            + "A new responsible user moves the client's conversations in open chat windows at once.",
            (s, items, source, ct) => s.UpsertContactsAsync(items, source, ct), (s, offset, ct) => s.ListContactsAsync(offset, ct),
            (s, id, ct) => s.GetContactAsync(id, ct), (s, ids, ct) => s.DeleteContactsAsync(ids, ct),
            "A deleted contact leaves the API and frees its chats; its conversations and messages stay. Sending it again restores it.");
        MapKind<CrmDealDto>(
            api, "deals", "Deals", "deal", CrmApiErrors.InvalidDealsData,
            "`{id (≤100), responsibleUserId, name (≤200), uri? (≤200), contacts: [contact ids], closed}`. `uri` is optional (the documentation "
            + "marks it both required and optional); `link`, as the documentation's own example names it, is taken when `uri` is absent. "
            + "Ids may be sent as strings or numbers (the documentation types a deal's id as Number).",
            (s, items, source, ct) => s.UpsertDealsAsync(items, source, ct), (s, offset, ct) => s.ListDealsAsync(offset, ct),
            (s, id, ct) => s.GetDealAsync(id, ct), (s, ids, ct) => s.DeleteDealsAsync(ids, ct),
            "A deleted deal is gone.");

        api.MapPost("/pipelines", async (HttpContext context, CrmPipelineService pipelines, CancellationToken cancellationToken) =>
            {
                var (items, error) = await ApiJson.ReadAsync<List<CrmPipelineDto?>>(context.Request, cancellationToken);
                return error ?? Answer(await pipelines.ReplaceAsync(items!, KeyName(context), cancellationToken), CrmApiErrors.InvalidPipelinesData);
            })
            .Accepts<List<CrmPipelineDto>>("application/json")
            .Produces<CrmPushResult>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithName("ReplacePipelines")
            .WithSummary("Replace the funnels (pipelines) and their stages")
            .WithDescription("The body is every pipeline, in the CRM's order: `[{id (≤100), name (≤100), stages?: [{id, name}]}]`. "
                + "Leave `stages` out when a pipeline has none; an empty array is an error. Pipelines and stages not sent are removed: "
                + "a channel whose new-client stage is removed creates deals in the first stage of its funnel (or of the first funnel) "
                + "and is flagged in the settings until an administrator chooses again. At most 100 pipelines.")
            .WithTags("Pipelines");

        api.MapGet("/pipelines", (CrmPipelineService pipelines, CancellationToken cancellationToken) => pipelines.ListAsync(cancellationToken))
            .Produces<List<CrmPipelineDto>>()
            .WithName("ListPipelines")
            .WithSummary("The funnels (pipelines) and their stages")
            .WithDescription("Every pipeline in the CRM's order, each with its stages in order; `stages` is left out when it has none.")
            .WithTags("Pipelines");

        api.MapGet("/unanswered/{userId}", async (string userId, CrmSyncService sync, CancellationToken cancellationToken) =>
                await sync.UnansweredAsync(userId, cancellationToken) is { } counter
                    ? Results.Json(new CrmUnansweredCounter(counter.Count, counter.Informational ? "grey" : "red", counter.LastMessageAtUtc),
                        new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))
                    : ApiErrors.NotFoundResult($"There is no user {userId}.", new { id = userId }))
            .Produces<CrmUnansweredCounter>()
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithName("GetUnansweredCounter")
            .WithSummary("A user's unanswered counter")
            .WithDescription("`{counterV2, type, lastMsgDateTime}`: how many clients (conversations, not messages) wait for an answer, as the "
                + "user's roles count them: a sales rep their own clients and the new clients offered to them, a manager every client of their "
                + "channels; quality control's counter only informs (`type: grey`, otherwise `red`). `lastMsgDateTime` is when the latest of "
                + "those clients wrote (ISO 8601, UTC), `null` when none waits. A user without any role on a channel counts 0.")
            .WithTags("Users");
        return api;
    }

    private static void MapKind<T>(
        RouteGroupBuilder api, string path, string tag, string singular, string invalidCode, string shape,
        Func<CrmSyncService, IReadOnlyList<T?>, string, CancellationToken, Task<CrmPushOutcome>> upsert,
        Func<CrmSyncService, int, CancellationToken, Task<CrmPage<T>>> list,
        Func<CrmSyncService, string, CancellationToken, Task<T?>> get,
        Func<CrmSyncService, IReadOnlyCollection<string>, CancellationToken, Task<CrmDeletion>> delete,
        string deletion)
        where T : class
    {
        IResult NotFound(string id) => ApiErrors.NotFoundResult($"There is no {singular} {id}.", new { id });

        api.MapPost($"/{path}", async (HttpContext context, CrmSyncService sync, CancellationToken cancellationToken) =>
            {
                var (items, error) = await ApiJson.ReadAsync<List<T?>>(context.Request, cancellationToken);
                return error ?? Answer(await upsert(sync, items!, KeyName(context), cancellationToken), invalidCode);
            })
            .Accepts<List<T>>("application/json")
            .Produces<CrmPushResult>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithName($"Upsert{tag}")
            .WithSummary($"Add or update {path}")
            .WithDescription($"Upserts by id, at most 100 a request (`TOO_MANY_ENTITIES` past that). Each {singular}: {shape} "
                + $"A request with any invalid entity stores nothing and answers `{invalidCode}` with `data: [{{index, fields: [names]}}]` "
                + "(each entry also carries the entity's `id` and `descriptions: {field: message}`, additions of this console); "
                + "an unknown responsible user answers `RESPONSIBLE_USER_NOT_FOUND`"
                + (typeof(T) == typeof(CrmDealDto) ? " and an unknown contact `CONTACT_NOT_FOUND`" : "")
                + ", naming the index and id.")
            .WithTags(tag);

        api.MapGet($"/{path}", async (string? offset, CrmSyncService sync, CancellationToken cancellationToken) =>
            {
                var skip = 0;
                if (offset is not null && (!int.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip < 0))
                {
                    return ApiErrors.BadRequest(ApiErrors.InvalidRequest, "offset must be a whole number, 0 or more.");
                }

                var page = await list(sync, skip, cancellationToken);
                // Contacts and deals come in pages as the documentation shows them; users as a plain array.
                return typeof(T) == typeof(CrmUserDto) ? Results.Ok(page.Data) : Results.Ok(page);
            })
            .Produces(StatusCodes.Status200OK, typeof(T) == typeof(CrmUserDto) ? typeof(List<T>) : typeof(CrmPage<T>))
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithName($"List{tag}")
            .WithSummary($"List {path}")
            .WithDescription((typeof(T) == typeof(CrmUserDto)
                    ? "A plain array of every user, sorted by name then id, as the documentation answers it (an account holds at most "
                        + "1,000 users). `?offset=` skips that many, an addition of this console."
                    : $"`{{count, data}}`: `count` is how many {path} there are in all, `data` at most {CrmSync.PageSize} of them, sorted by name then id. "
                        + $"`?offset=` skips that many (0 by default): ask again with offset + {CrmSync.PageSize} while there are more."))
            .WithTags(tag);

        api.MapGet($"/{path}/{{id}}", async (string id, CrmSyncService sync, CancellationToken cancellationToken) =>
                await get(sync, id, cancellationToken) is { } item
                    ? Results.Ok(item)
                    : NotFound(id))
            .Produces<T>()
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithName($"Get{tag}")
            .WithSummary($"One {singular}")
            .WithDescription($"The {singular} with this id; 404 `NOT_FOUND` when there is none.")
            .WithTags(tag);

        api.MapDelete($"/{path}/{{id}}", async (string id, CrmSyncService sync, CancellationToken cancellationToken) =>
                (await delete(sync, [id], cancellationToken)).Deleted.Count > 0
                    ? Results.NoContent()
                    : NotFound(id))
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithName($"Delete{tag}")
            .WithSummary($"Delete one {singular}")
            .WithDescription($"204 when deleted, 404 `NOT_FOUND` when there is none. {deletion}")
            .WithTags(tag);

        api.MapPatch($"/{path}/bulk_delete", async (HttpContext context, CrmSyncService sync, CancellationToken cancellationToken) =>
            {
                var (ids, error) = await ApiJson.ReadAsync<List<string?>>(context.Request, cancellationToken);
                if (error is not null)
                {
                    return error;
                }

                if (ids!.Count > ApiErrors.MaxEntities)
                {
                    return ApiErrors.TooMany(ids.Count);
                }

                var blank = ids.Select((id, index) => (id, index)).Where(x => string.IsNullOrWhiteSpace(x.id)).ToList();
                if (blank.Count > 0)
                {
                    return ApiErrors.BadRequest(invalidCode, "Every id must be a non-empty string; nothing was deleted.",
                        blank.Select(x => new CrmValidationError(x.index, x.id, ["id"], new Dictionary<string, string> { ["id"] = "This field is required." })).ToList());
                }

                var outcome = await delete(sync, [.. ids.Select(id => id!)], cancellationToken);
                return Results.Ok(outcome.NotFound);
            })
            .Accepts<List<string>>("application/json")
            .Produces<List<string>>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithName($"BulkDelete{tag}")
            .WithSummary($"Delete several {path}")
            .WithDescription($"The body is a JSON array of ids, at most 100. Answers a JSON array of the ids that were not found (`[]` when "
                + $"every one was deleted); unknown ids are not an error. {deletion}")
            .WithTags(tag);
    }

    private static string KeyName(HttpContext context) => context.User.Identity?.Name ?? "";

    private static IResult Answer(CrmPushOutcome outcome, string invalidCode) => outcome.Status switch
    {
        CrmPushStatus.Stored => Results.Ok(new CrmPushResult(outcome.Count)),
        CrmPushStatus.TooMany => ApiErrors.TooMany(outcome.Count),
        CrmPushStatus.Invalid => ApiErrors.BadRequest(
            invalidCode,
            (outcome.Errors.Count == 1 ? "1 entity is invalid (at index " : $"{outcome.Errors.Count} entities are invalid (at indexes ")
            + $"{string.Join(", ", outcome.Errors.Select(e => e.Index))}); nothing was stored.",
            outcome.Errors.Select(e => new CrmValidationError(e.Index, e.Id, [.. e.Fields.Select(f => f.Field).Distinct()], Messages(e.Fields))).ToList()),
        CrmPushStatus.ResponsibleUserNotFound => ApiErrors.BadRequest(
            CrmApiErrors.ResponsibleUserNotFound,
            $"Unknown responsible user {Names(outcome.Missing)}; nothing was stored.",
            outcome.Missing.Select(m => new { index = m.Index, id = m.Id, responsibleUserId = m.MissingId }).ToList()),
        CrmPushStatus.ContactNotFound => ApiErrors.BadRequest(
            CrmApiErrors.ContactNotFound,
            $"Unknown contact {Names(outcome.Missing)}; nothing was stored.",
            outcome.Missing.Select(m => new { index = m.Index, id = m.Id, contactId = m.MissingId }).ToList()),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Status, null),
    };

    private static string Names(IReadOnlyList<CrmMissingReference> missing) =>
        string.Join(", ", missing.Select(m => m.MissingId).Distinct().Select(id => $"\"{id}\""));

    private static Dictionary<string, string> Messages(IReadOnlyList<CrmFieldProblem> problems)
    {
        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in problems)
        {
            messages.TryAdd(p.Field, Word(p));
        }

        return messages;
    }

    /// <summary>The English message of one field problem.</summary>
    public static string Word(CrmFieldProblem problem) => problem.Problem switch
    {
        CrmProblem.Required => "This field is required.",
        CrmProblem.TooLong => $"At most {problem.Detail} characters.",
        CrmProblem.DuplicateId => $"The id \"{problem.Detail}\" appears more than once in this request.",
        CrmProblem.UnknownChatType => $"chatType must be one of {ChatTypes.Names}.",
        CrmProblem.TransportAsChatType => $"This is a channel's transport, not a chat type; the chat type is \"{problem.Detail}\".",
        CrmProblem.TelegramChatUnnamed => "A Telegram chat needs chatId, username or phone.",
        CrmProblem.TelegramOnly => "username and phone are for Telegram chats only.",
        CrmProblem.InvalidChatId => problem.Detail ?? "This chatId is not valid for its chatType.",
        CrmProblem.ChatIdTaken => $"This chat already belongs to the contact \"{problem.Detail}\".",
        CrmProblem.EmptyStages => "Leave stages out when the pipeline has none; an empty array is not allowed.",
        CrmProblem.NotAnObject => "Each entity must be a JSON object.",
        CrmProblem.NotAWebAddress => "Must be an absolute http or https address.",
        CrmProblem.EmptyList => "Send at least one pipeline: an empty list would remove every funnel and stage. Nothing was changed.",
        _ => problem.Problem,
    };
}
