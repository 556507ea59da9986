using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Services.Api;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Api;

public sealed record IframeUser(string? Id, string? Name);

/// <summary>A chat of the iframe's <c>filter</c> or its <c>activeChat</c>.</summary>
/// <param name="Username">Telegram only, instead of chatId: the username without @.</param>
/// <param name="Phone">Telegram only, instead of chatId: the phone's digits.</param>
/// <param name="Name">The contact's name (accepted; the console does not create contacts from a filter).</param>
/// <param name="ChannelId">activeChat only: the channel to open the chat on.</param>
public sealed record IframeChat(string? ChatType, string? ChatId, string? Username = null, string? Phone = null, string? Name = null, string? ChannelId = null);

/// <summary>The body of POST /iframe, as the real product takes it.</summary>
/// <param name="Scope"><c>global</c>: every conversation the user may see; <c>card</c>: only those of the filter's chats.</param>
/// <param name="Filter">For scope card: the contact's chats.</param>
/// <param name="ActiveChat">The chat to open first (optional).</param>
public sealed record IframeRequest(IframeUser? User, string? Scope, IReadOnlyList<IframeChat>? Filter, IframeChat? ActiveChat);

public sealed record IframeResponse(string Url);

public static class IframeEndpoints
{
    /// <summary>The most chats a card filter may name.</summary>
    public const int MaxFilter = 100;

    public static RouteGroupBuilder MapIframeEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/iframe", async (HttpRequest request, ChatLinkService links, CancellationToken cancellationToken) =>
            {
                var (body, error) = await ApiJson.ReadAsync<IframeRequest>(request, cancellationToken);
                if (error is not null)
                {
                    return error;
                }

                var (spec, errors) = Check(body!);
                if (spec is null)
                {
                    return ApiFieldErrors.Validation(errors);
                }

                var token = await links.CreateAsync(spec, cancellationToken);
                var url = $"{request.Scheme}://{request.Host}{request.PathBase}{ChatLinkEndpoints.PathFor(token)}";
                return Results.Ok(new IframeResponse(url));
            })
            .Accepts<IframeRequest>("application/json")
            .Produces<IframeResponse>(StatusCodes.Status200OK)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithName("CreateIframeLink")
            .WithSummary("A link that opens the chat window as a CRM user")
            .WithDescription(
                "Returns `{url}`: a signed link that opens the chat window as the user, without a password, to embed in the CRM's page. "
                + "It works once and for 24 hours. Scope `global` shows every conversation the user may see; scope `card` only the "
                + "conversations of the contacts whose chats `filter` lists (`[{chatType, chatId, username?, phone?, name?}]`, required for card). "
                + $"chatType is a chat type ({ChatTypes.Names}), not a channel's transport; left out, the chatId is looked for in chats of "
                + "every type. A Telegram chat may be named by `username` or `phone` instead of `chatId`. `activeChat` "
                + "(`{channelId?, chatType, chatId}`) opens that chat first, on that channel when `channelId` is given. `user.name` is optional: "
                + "a user id the workspace does not know yet is created with the given name, or with its id when none is given. "
                + "`filter[].name` and `options` are accepted and not used: the console does not create contacts from a filter.")
            .WithTags("Chat window");
        return api;
    }

    private static (ChatLinkSpec? Spec, List<ApiFieldError> Errors) Check(IframeRequest body)
    {
        var errors = new List<ApiFieldError>();
        var userId = body.User?.Id?.Trim();
        var userName = string.IsNullOrWhiteSpace(body.User?.Name) ? null : body.User.Name.Trim();
        if (body.User is null)
        {
            errors.Add(new("user", "Required: {id, name?}."));
        }
        else
        {
            if (string.IsNullOrEmpty(userId))
            {
                errors.Add(new("user.id", "Required."));
            }
            else if (userId.Length > FieldLimits.UserId)
            {
                errors.Add(new("user.id", $"At most {FieldLimits.UserId} characters."));
            }

            if (userName is { Length: > FieldLimits.UserName })
            {
                errors.Add(new("user.name", $"At most {FieldLimits.UserName} characters."));
            }
        }

        var scope = body.Scope?.Trim();
        if (scope is not (ChatScope.Global or ChatScope.Card))
        {
            errors.Add(new("scope", "Must be \"global\" or \"card\"."));
        }

        var filter = new List<ChatRef>();
        if (scope == ChatScope.Card)
        {
            if (body.Filter is null || body.Filter.Count == 0)
            {
                errors.Add(new("filter", "Scope card needs at least one chat: [{chatType, chatId}]."));
            }
            else if (body.Filter.Count > MaxFilter)
            {
                errors.Add(new("filter", $"At most {MaxFilter} chats."));
            }
            else
            {
                for (var i = 0; i < body.Filter.Count; i++)
                {
                    if (CheckChat(body.Filter[i], $"filter[{i}]", errors, active: false) is { } chat)
                    {
                        filter.Add(chat);
                    }
                }
            }
        }

        var activeChat = body.ActiveChat is null ? null : CheckChat(body.ActiveChat, "activeChat", errors, active: true);
        return errors.Count > 0
            ? (null, errors)
            : (new ChatLinkSpec(userId!, userName, scope!, [.. filter.Distinct()], activeChat), errors);
    }

    /// <summary>
    /// A chat of the filter or the active chat. As lenient as the documentation: chatType may be left out (the id is then
    /// looked for in chats of every type); a Telegram chat may be named by username or phone instead of chatId.
    /// </summary>
    private static ChatRef? CheckChat(IframeChat? chat, string path, List<ApiFieldError> errors, bool active)
    {
        if (chat is null)
        {
            errors.Add(new(path, "Required: {chatType, chatId}."));
            return null;
        }

        var before = errors.Count;
        ChatType? chatType = null;
        if (!string.IsNullOrWhiteSpace(chat.ChatType))
        {
            if (ChatTypes.TryParseApiName(chat.ChatType.Trim(), out var parsed))
            {
                chatType = parsed;
            }
            else
            {
                errors.Add(new($"{path}.chatType", ChatTypes.MeantBy(chat.ChatType.Trim()) is { } meant
                    ? $"\"{chat.ChatType}\" is a channel's transport, not a chat type; the chat type is \"{meant.ApiName()}\"."
                    : $"Unknown chatType \"{chat.ChatType}\"; one of {ChatTypes.Names}."));
                return null;
            }
        }

        string? chatId = null, username = null, phone = null;
        if (!string.IsNullOrWhiteSpace(chat.ChatId))
        {
            var id = chatType is { } type ? ChannelIdentifier.CheckChat(type, chat.ChatId) : IdentifierCheck.Valid(chat.ChatId.Trim());
            if (id.IsValid)
            {
                chatId = id.Normalized;
            }
            else
            {
                errors.Add(new($"{path}.chatId", id.Error!));
            }
        }

        if (chatType is null or ChatType.Telegram)
        {
            if (!string.IsNullOrWhiteSpace(chat.Username))
            {
                var check = ChannelIdentifier.CheckTelegramUsername(chat.Username);
                username = check.IsValid ? check.Normalized : null;
                if (!check.IsValid)
                {
                    errors.Add(new($"{path}.username", check.Error!));
                }
            }

            if (!string.IsNullOrWhiteSpace(chat.Phone))
            {
                var check = ChannelIdentifier.CheckPhoneDigits(chat.Phone);
                phone = check.IsValid ? check.Normalized : null;
                if (!check.IsValid)
                {
                    errors.Add(new($"{path}.phone", check.Error!));
                }
            }
        }

        Guid? channelId = null;
        if (active && !string.IsNullOrWhiteSpace(chat.ChannelId))
        {
            if (Guid.TryParse(chat.ChannelId.Trim(), out var parsed))
            {
                channelId = parsed;
            }
            else
            {
                errors.Add(new($"{path}.channelId", "Must be a channel id (uuid)."));
            }
        }

        if (errors.Count == before && chatId is null && username is null && phone is null)
        {
            errors.Add(new($"{path}.chatId", "Required (for Telegram, chatId, username or phone)."));
        }

        return errors.Count > before ? null : new ChatRef(chatType?.ApiName(), chatId, username, phone, channelId);
    }
}
