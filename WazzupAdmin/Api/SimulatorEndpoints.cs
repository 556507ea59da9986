using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Api;

/// <summary>The body of POST /simulator/messages: a client writing to a channel.</summary>
/// <param name="ChatType">The chat type the channel's clients write in: whatsapp (WhatsApp and WABA channels), telegram
/// (Telegram and Telegram Bot channels) or instagram.</param>
/// <param name="ChatId">The client's identifier on it: a WhatsApp phone (digits, or + and the number), a Telegram username or
/// numeric id, an Instagram username. For Telegram it may be left out when username or phone is given.</param>
/// <param name="Username">Telegram only: the client's username, which finds a contact the CRM gave by username.</param>
/// <param name="Phone">Telegram only: the client's phone, which finds a contact the CRM gave by phone.</param>
/// <param name="Name">The client's name, for a new contact (optional).</param>
public sealed record SimulatedMessageRequest(
    Guid? ChannelId, string? ChatType, string? ChatId, string? Name, string? Text, string? Username = null, string? Phone = null);

/// <summary>What became of the message.</summary>
/// <param name="NewClient">True when the client had no contact: one was created with a deal, and the client was distributed.</param>
/// <param name="ResponsibleUserId">The client's responsible user after the message; absent while unassigned or offered.</param>
/// <param name="OfferedTo">For an unclaimed first-responder client, the users who see it.</param>
public sealed record SimulatedMessageResponse(
    string ContactId, long ConversationId, bool NewClient, string? ResponsibleUserId, IReadOnlyList<string> OfferedTo);

public static class SimulatorEndpoints
{
    public const string ChannelNotFound = "CHANNEL_NOT_FOUND";

    /// <summary>The documentation's code for a chat type the channel's transport does not write to.</summary>
    public const string WrongTransport = "WRONG_TRANSPORT";

    public static RouteGroupBuilder MapSimulatorEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/simulator/messages", async (
                HttpRequest request, ChannelTransports transports, IncomingMessageService incoming, CancellationToken cancellationToken) =>
            {
                var (body, error) = await ApiJson.ReadAsync<SimulatedMessageRequest>(request, cancellationToken);
                if (error is not null)
                {
                    return error;
                }

                if (body!.ChannelId is not { } channelId)
                {
                    return ApiFieldErrors.Validation([new("channelId", "Required.")]);
                }

                var transport = await transports.FindAsync(channelId, cancellationToken);
                if (transport is null)
                {
                    return ApiErrors.Response(StatusCodes.Status404NotFound, ChannelNotFound, $"There is no channel {channelId}.", new { channelId });
                }

                var expected = transport.Value.ClientChatType().ApiName();
                if (string.IsNullOrWhiteSpace(body.ChatType))
                {
                    return ApiFieldErrors.Validation([new("chatType", $"Required: the channel's clients write in {expected} chats.")]);
                }

                if (!string.Equals(body.ChatType.Trim(), expected, StringComparison.Ordinal))
                {
                    return ApiErrors.BadRequest(WrongTransport,
                        $"You can't send a {body.ChatType} chat's message to a {transport.Value.ApiName()} channel; its clients write in {expected} chats.",
                        new { channelId, transport = transport.Value.ApiName(), chatType = body.ChatType });
                }

                var result = await incoming.ReceiveAsync(
                    new IncomingMessage(channelId, body.ChatId ?? "", body.Name, body.Text ?? "", body.Username, body.Phone), cancellationToken);
                if (result.Received is not { } received)
                {
                    return ApiFieldErrors.Validation([.. result.Errors.Select(e => ApiFieldErrors.From(e, ApiField(e.Field)))]);
                }

                return Results.Ok(new SimulatedMessageResponse(
                    received.ContactId, received.ConversationId, received.IsNewClient, received.ResponsibleUserId, received.OfferedTo));
            })
            .Accepts<SimulatedMessageRequest>("application/json")
            .Produces<SimulatedMessageResponse>(StatusCodes.Status200OK)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithName("SimulateIncomingMessage")
            .WithSummary("Simulator only: a client writes to a channel")
            .WithDescription(
                "An addition of this simulated workspace that the real product does not have (there, messages come from the messengers). "
                + "The message goes the same way as from the console's simulator page: a client without a contact gets one, with a deal in "
                + "the channel's funnel and stage, and is distributed by the channel's algorithm; a known client goes to their responsible user. "
                + "`chatType` is the chat type the channel's clients write in (whatsapp on WhatsApp and WABA channels, telegram on Telegram and "
                + "Telegram Bot channels, instagram), not the channel's transport; another one is 400 WRONG_TRANSPORT. A Telegram client may write "
                + "with `username` and/or `phone`, with or without `chatId`: a contact the CRM gave by username or phone is found by them and "
                + "learns the client's chat id; a client without chatId is known by its username, or else its phone. An unknown channel is "
                + "404 CHANNEL_NOT_FOUND naming it; invalid fields are 400 VALIDATION_ERROR listing them in `data`.")
            .WithTags("Simulator");
        return api;
    }

    private static string ApiField(string field) => field switch
    {
        "ChannelId" => "channelId",
        "ClientId" => "chatId",
        "ClientName" => "name",
        "Text" => "text",
        "Username" => "username",
        "Phone" => "phone",
        _ => field,
    };
}
