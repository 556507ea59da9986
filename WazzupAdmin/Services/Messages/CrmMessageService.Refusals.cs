using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Messages;

namespace WazzupAdmin.Services.Messages;

/// <summary>
/// The real product's answers to a message that cannot go out: the request's own faults, as the domain's checks find
/// them, and a channel that cannot send.
/// </summary>
public sealed partial class CrmMessageService
{
    // The refusals' data.fields, which name the request field at fault.
    private static readonly string[] ContentUriField = ["contentUri"];

    /// <summary>The checks that need no store: required fields and their forms, as INVALID_MESSAGE_DATA naming them.</summary>
    private static MessageOutcome? Malformed(SendMessageCommand command)
    {
        var fields = OutgoingMessageCheck.MalformedFields(
            command.ChannelId is not null, command.ChatType, command.ChatId, command.Username, command.Phone, command.CrmMessageId, command.ContentUri);
        return fields.Count == 0
            ? null
            : MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.InvalidMessageData,
                $"Message data is invalid: {string.Join(", ", fields)}.", new { fields });
    }

    /// <summary>The real product's answer to what is wrong with a message's text or content link.</summary>
    private static MessageOutcome? ContentRefusal(Transport transport, string? text, string? contentUri, bool editing) =>
        OutgoingMessageCheck.Content(transport, text, contentUri) switch
        {
            null => null,
            ContentFault.TextAndContent => MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.OnlyTextOrContent,
                "A message carries text or contentUri, not both."),
            ContentFault.Nothing => MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.NothingToSend,
                editing ? "Send the new text or contentUri." : "Send text or contentUri."),
            ContentFault.ContentNotHttp => MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.InvalidMessageData,
                "contentUri must be an absolute http or https address.", new { fields = ContentUriField }),
            ContentFault.BlankText => MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.TextCanNotBeBlank, "The text is empty."),
            ContentFault.TextTooLong => TooLong(transport, text!),
            var fault => throw new ArgumentOutOfRangeException(nameof(text), fault, null),
        };

    private static MessageOutcome TooLong(Transport transport, string text)
    {
        var (maxLength, code) = MessageRules.TextLimit(transport);
        return MessageOutcome.Refused(StatusCodes.Status400BadRequest, code,
            $"A {transport.DisplayName()} message has at most {maxLength} characters; this one has {text.Length}.",
            new { maxLength, length = text.Length });
    }

    /// <summary>The real product's answers for a channel that cannot send right now.</summary>
    private static MessageOutcome? ChannelRefusal(Channel channel) => channel.State switch
    {
        ChannelState.Active => null,
        ChannelState.Disabled => MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.ChannelBlocked,
            $"The channel {channel.Name} is turned off.", new { channelId = channel.Id, state = channel.State.ApiName() }),
        ChannelState.NotEnoughMoney => MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.ChannelNoMoney,
            $"The channel {channel.Name} is not paid.", new { channelId = channel.Id, state = channel.State.ApiName() }),
        _ => MessageOutcome.Refused(StatusCodes.Status400BadRequest, MessageErrors.ChannelUnavailable,
            $"The channel {channel.Name} is not available ({channel.State.ApiName()}).", new { channelId = channel.Id, state = channel.State.ApiName() }),
    };
}
