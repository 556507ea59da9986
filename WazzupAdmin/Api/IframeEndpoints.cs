using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Services.Api;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Api;

public sealed record IframeUser(string? Id, string? Name);

public sealed record IframeChat(string? ChatType, string? ChatId);

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
                + "conversations of the contact whose chats `filter` lists (`[{chatType, chatId}]`, required for card). `activeChat` "
                + "opens that chat first. A user id the workspace does not know yet is created with the given name.")
            .WithTags("Chat window");
        return api;
    }

    private static (ChatLinkSpec? Spec, List<ApiFieldError> Errors) Check(IframeRequest body)
    {
        var errors = new List<ApiFieldError>();
        var userId = body.User?.Id?.Trim();
        var userName = body.User?.Name?.Trim();
        if (body.User is null)
        {
            errors.Add(new("user", "Required: {id, name}."));
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

            if (string.IsNullOrEmpty(userName))
            {
                errors.Add(new("user.name", "Required."));
            }
            else if (userName.Length > FieldLimits.UserName)
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
                    if (CheckChat(body.Filter[i], $"filter[{i}]", errors) is { } chat)
                    {
                        filter.Add(chat);
                    }
                }
            }
        }

        var activeChat = body.ActiveChat is null ? null : CheckChat(body.ActiveChat, "activeChat", errors);
        return errors.Count > 0
            ? (null, errors)
            : (new ChatLinkSpec(userId!, userName!, scope!, [.. filter.Distinct()], activeChat), errors);
    }

    private static ChatRef? CheckChat(IframeChat? chat, string path, List<ApiFieldError> errors)
    {
        if (chat is null)
        {
            errors.Add(new(path, "Required: {chatType, chatId}."));
            return null;
        }

        if (!TransportNames.TryParseApiName(chat.ChatType?.Trim(), out var transport))
        {
            errors.Add(new($"{path}.chatType", $"Unknown chatType \"{chat.ChatType}\"; one of {string.Join(", ", Enum.GetValues<Transport>().Select(t => t.ApiName()))}."));
            return null;
        }

        var id = ChannelIdentifier.CheckClient(transport, chat.ChatId);
        if (!id.IsValid)
        {
            errors.Add(new($"{path}.chatId", id.Error!));
            return null;
        }

        return new ChatRef(transport.ApiName(), id.Normalized);
    }
}
