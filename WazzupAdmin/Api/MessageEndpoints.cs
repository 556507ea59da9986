using System.Globalization;
using System.Text.Json;
using WazzupAdmin.Domain.Messages;
using WazzupAdmin.Services.Messages;

namespace WazzupAdmin.Api;

/// <summary>The body of <c>POST /message</c>, as the real product documents it.</summary>
/// <param name="ChatId">The client's chat: a WhatsApp phone as digits, an Instagram username, a Telegram id; on Telegram
/// <paramref name="Username"/> or <paramref name="Phone"/> may take its place.</param>
/// <param name="CrmUserId">The CRM user who writes; left out (or unknown), the message is the integration's own.</param>
/// <param name="CrmMessageId">The CRM's id of the message: a second message with the same one is refused and nothing is sent twice.</param>
/// <param name="RefMessageId">The messageId of a message of the same chat to quote.</param>
/// <param name="ClearUnanswered">False keeps the client counted as unanswered (an automated message). Default true.</param>
/// <param name="TemplateId">On a WABA channel, the templateGuid of an approved template; its variables come from templateValues.</param>
public sealed record SendMessageRequest(
    string? ChannelId, string? ChatType, string? ChatId, string? Text, string? ContentUri, string? RefMessageId, string? CrmUserId,
    string? CrmMessageId, string? Username, string? Phone, bool? ClearUnanswered, string? TemplateId, IReadOnlyList<string>? TemplateValues);

/// <summary>The body of <c>PATCH /message/{messageId}</c>: the new text or the new content link.</summary>
public sealed record EditMessageRequest(string? Text, string? ContentUri, string? CrmUserId);

/// <summary>The answer to a sent, edited or deleted message.</summary>
public sealed record MessageResponse(Guid MessageId, string ChatId);

/// <summary>The body of the simulator's status change: <c>delivered</c>, <c>read</c> or <c>error</c> (with a messenger's code).</summary>
public sealed record SimulatedStatusRequest(string? Status, string? Error);

public sealed record SimulatedStatusResponse(Guid MessageId, string Status);

public static class MessageEndpoints
{
    public static RouteGroupBuilder MapMessageEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/message", async (HttpRequest request, CrmMessageService messages, CancellationToken cancellationToken) =>
            {
                var (body, error) = await ReadAsync(request, cancellationToken);
                if (error is not null)
                {
                    return error;
                }

                var (command, invalid) = ToCommand(body!.Value);
                if (invalid.Count > 0)
                {
                    return InvalidData(invalid);
                }

                return Answer(await messages.SendAsync(command!, cancellationToken), StatusCodes.Status201Created);
            })
            .Accepts<SendMessageRequest>("application/json")
            .Produces<MessageResponse>(StatusCodes.Status201Created)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithName("SendMessage")
            .WithSummary("Send a message to a client")
            .WithDescription(
                "Sends text or a content link (not both) from a channel to a client's chat, as the CRM user crmUserId (shown in the chat "
                + "window by name) or, without one, as the integration. Answers 201 {messageId, chatId}; the message then goes through "
                + "the statuses sent, delivered and read (statuses webhooks). Errors, all 400 {error, description, data}: INVALID_MESSAGE_DATA "
                + "(data.fields names the fields), CHANNEL_NOT_FOUND, WRONG_TRANSPORT (chatType does not fit the channel), CHANNEL_BLOCKED "
                + "(channel turned off), CHANNEL_NO_MONEY, MESSAGE_CHANNEL_UNAVAILABLE, REPEATED_CRM_MESSAGE_ID (nothing is sent twice; "
                + "this console remembers every crmMessageId, not only for 60 seconds), CHAT_NO_ACCESS (no client has that chat: the "
                + "simulated console cannot write to somebody who never wrote and is no CRM contact), REFERENCE_MESSAGE_NOT_FOUND, "
                + "MESSAGE_ONLY_TEXT_OR_CONTENT, MESSAGE_NOTHING_TO_SEND, MESSAGES_TEXT_CAN_NOT_BE_BLANK, MESSAGE_TEXT_TOO_LONG (WhatsApp, "
                + "10,000), MESSAGES_TOO_LONG_INSTAGRAM (1,000), MESSAGES_TOO_LONG_TELEGRAM and MESSAGES_TOO_LONG_WABA (4,096), "
                + "TEMPLATE_REJECTED. buttonsObject is accepted and not shown. A rep offered an unclaimed first-responder client who "
                + "writes here claims the client, as a reply from the chat window does.")
            .WithTags("Messages");

        api.MapPatch("/message/{messageId}", async (string messageId, HttpRequest request, CrmMessageService messages, CancellationToken cancellationToken) =>
            {
                var (body, error) = await ReadAsync(request, cancellationToken);
                if (error is not null)
                {
                    return error;
                }

                var invalid = new List<string>();
                var edit = new EditMessageCommand(
                    Text(body!.Value, "text", invalid), Text(body.Value, "contentUri", invalid), Text(body.Value, "crmUserId", invalid));
                return invalid.Count > 0 ? InvalidData(invalid) : Answer(await messages.EditAsync(messageId, edit, cancellationToken), StatusCodes.Status200OK);
            })
            .Accepts<EditMessageRequest>("application/json")
            .Produces<MessageResponse>(StatusCodes.Status200OK)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithName("EditMessage")
            .WithSummary("Edit a sent message")
            .WithDescription(
                "Replaces the text or the content link of a message sent to a client. The chat window shows it as edited and the CRM gets "
                + "the messages webhook again with isEdited and oldInfo, and the status edited. WhatsApp and WABA messages can be edited for "
                + "15 minutes, Telegram ones for 48 hours, Instagram ones not at all. Errors: 404 MESSAGES_NOT_FOUND; 400 "
                + "CHANNEL_INVALID_TRANSPORT_FOR_EDITING, MESSAGES_EDITING_TIME_EXPIRED, MESSAGE_ONLY_TEXT_OR_CONTENT, MESSAGE_NOTHING_TO_SEND, "
                + "CHAT_NO_ACCESS (a client's own message). The answer, which the documentation does not show, is 200 {messageId, chatId}.")
            .WithTags("Messages");

        api.MapDelete("/message/{messageId}", async (string messageId, CrmMessageService messages, CancellationToken cancellationToken) =>
                Answer(await messages.DeleteAsync(messageId, cancellationToken), StatusCodes.Status200OK))
            .Produces<MessageResponse>(StatusCodes.Status200OK)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithName("DeleteMessage")
            .WithSummary("Delete a sent message")
            .WithDescription(
                "Deletes a message sent to a client, for everyone: the chat window shows that it was deleted and the CRM gets the messages "
                + "webhook with isDeleted and oldInfo. WhatsApp, WABA and Telegram messages can be deleted for 48 hours, Instagram ones not "
                + "at all. Errors: 404 MESSAGES_NOT_FOUND; 400 CHANNEL_INVALID_TRANSPORT_FOR_DELETION, MESSAGES_DELETION_TIME_EXPIRED, "
                + "CHAT_NO_ACCESS. The answer is 200 {messageId, chatId}.")
            .WithTags("Messages");

        api.MapPost("/simulator/messages/{messageId}/status", async (
                string messageId, HttpRequest request, MessageStatusService statuses, CancellationToken cancellationToken) =>
            {
                var (body, error) = await ApiJson.ReadAsync<SimulatedStatusRequest>(request, cancellationToken);
                if (error is not null)
                {
                    return error;
                }

                if (!MessageStatuses.TryParseApiName(body!.Status, out var status) || status is MessageStatus.Inbound or MessageStatus.Sent)
                {
                    return ApiFieldErrors.Validation([new("status", "One of delivered, read, error.")]);
                }

                if (!Guid.TryParse(messageId, out var id))
                {
                    return NotFound(messageId);
                }

                return await statuses.MarkAsync(id, status, body.Error, cancellationToken) switch
                {
                    MarkStatus.Marked => Results.Ok(new SimulatedStatusResponse(id, status.ApiName())),
                    MarkStatus.NotFound => NotFound(messageId),
                    MarkStatus.Incoming => ApiFieldErrors.Validation([new("messageId", "A client's own message has no delivery status.")]),
                    _ => ApiFieldErrors.Validation([new("status", $"The message is already past {status.ApiName()} (read and error are final).")]),
                };
            })
            .Accepts<SimulatedStatusRequest>("application/json")
            .Produces<SimulatedStatusResponse>(StatusCodes.Status200OK)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithName("SimulateMessageStatus")
            .WithSummary("Simulator only: the messenger reports a message delivered, read or failed")
            .WithDescription(
                "An addition of this simulated workspace: marks an outgoing message delivered, read or error (error takes a messenger's "
                + "code in `error`, BAD_CONTACT by default). The statuses in between are reported too, so a sent message marked read is "
                + "first delivered; each one is a statuses webhook. Without it, the console moves messages on by itself (MessageStatuses "
                + "configuration).")
            .WithTags("Simulator");
        return api;
    }

    private static IResult NotFound(string messageId) =>
        ApiErrors.Response(StatusCodes.Status404NotFound, MessageErrors.MessageNotFound, $"There is no message {messageId}.", new { messageId });

    private static IResult Answer(MessageOutcome outcome, int successStatus) => outcome.Receipt is { } receipt
        ? Results.Json(new MessageResponse(receipt.MessageId, receipt.ChatId), ApiJson.Options, statusCode: successStatus)
        : ApiErrors.Response(outcome.Refusal!.Status, outcome.Refusal.Error, outcome.Refusal.Description, outcome.Refusal.Data);

    private static IResult InvalidData(IReadOnlyList<string> fields) =>
        ApiErrors.BadRequest(MessageErrors.InvalidMessageData, $"Message data is invalid: {string.Join(", ", fields)}.", new { fields });

    /// <summary>The body as a JSON object, so that a field of the wrong type is named instead of failing the whole read.</summary>
    private static async Task<(JsonElement? Body, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiErrors.BadRequest(ApiErrors.InvalidRequest, "Send the body as JSON with Content-Type: application/json."));
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (null, ApiErrors.BadRequest(ApiErrors.InvalidRequest, "The body must be a JSON object."));
        }
        catch (JsonException)
        {
            return (null, ApiErrors.BadRequest(ApiErrors.InvalidRequest, "The body is not valid JSON."));
        }
    }

    private static (SendMessageCommand? Command, List<string> Invalid) ToCommand(JsonElement body)
    {
        var invalid = new List<string>();
        var channel = Text(body, "channelId", invalid);
        Guid? channelId = channel is null ? null : Guid.TryParse(channel, out var id) ? id : null;
        if (channel is not null && channelId is null && !invalid.Contains("channelId"))
        {
            invalid.Add("channelId");
        }

        var clearUnanswered = true;
        if (body.TryGetProperty("clearUnanswered", out var clear) && clear.ValueKind is not JsonValueKind.Null)
        {
            if (clear.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                clearUnanswered = clear.GetBoolean();
            }
            else
            {
                invalid.Add("clearUnanswered");
            }
        }

        List<string>? templateValues = null;
        if (body.TryGetProperty("templateValues", out var values) && values.ValueKind is not JsonValueKind.Null)
        {
            if (values.ValueKind == JsonValueKind.Array)
            {
                templateValues = [.. values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())];
            }
            else
            {
                invalid.Add("templateValues");
            }
        }

        var command = new SendMessageCommand(
            channelId, Text(body, "chatType", invalid), Text(body, "chatId", invalid), Text(body, "username", invalid)?.TrimStart('@'),
            Text(body, "phone", invalid), Text(body, "text", invalid), Text(body, "contentUri", invalid), Text(body, "refMessageId", invalid),
            Text(body, "crmUserId", invalid), Text(body, "crmMessageId", invalid), clearUnanswered, Text(body, "templateId", invalid),
            templateValues);
        if (channelId is null && channel is null)
        {
            invalid.Add("channelId");
        }

        if (string.IsNullOrWhiteSpace(command.ChatType) && !invalid.Contains("chatType"))
        {
            invalid.Add("chatType");
        }

        return (command, invalid);
    }

    /// <summary>
    /// A string field; a number is taken as its digits (a phone or an id sent as a number is what a client reasonably means);
    /// anything else names the field as invalid.
    /// </summary>
    private static string? Text(JsonElement body, string name, List<string> invalid)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Number when value.TryGetInt64(out var number):
                return number.ToString(CultureInfo.InvariantCulture);
            default:
                invalid.Add(name);
                return null;
        }
    }
}
