using WazzupAdmin.Domain.Crm;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Services.Chat;

/// <summary>A message a client sent to a channel.</summary>
/// <param name="ClientId">The client's chat id on the channel's messenger; for Telegram it may be left empty when
/// <paramref name="Username"/> or <paramref name="Phone"/> is given.</param>
/// <param name="Username">Telegram only: the client's username, which finds a contact the CRM gave by username.</param>
/// <param name="Phone">Telegram only: the client's phone, which finds a contact the CRM gave by phone.</param>
public sealed record IncomingMessage(Guid ChannelId, string ClientId, string? ClientName, string Text, string? Username = null, string? Phone = null);

/// <summary>What became of an incoming message.</summary>
/// <param name="ResponsibleUserId">The client's responsible user after the message; null while unassigned or offered.</param>
/// <param name="OfferedTo">For an unclaimed first-responder client, the reps who see it.</param>
public sealed record ReceivedMessage(
    long ConversationId, string ContactId, bool IsNewClient, string? ResponsibleUserId, IReadOnlyList<string> OfferedTo, string? Reason);

public sealed record ReceiveResult(ReceivedMessage? Received, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Received is not null;
}

/// <summary>
/// Handles a client's message as the domain says: a new client gets a contact and a deal in the channel's funnel
/// and stage and is distributed by the channel's algorithm; a known client goes to the contact's responsible user.
/// The message is checked here and stored by the <see cref="IncomingMessageWriter"/>, with whatever else arrived at the
/// same moment, in one transaction: all of it is stored or none of it.
/// </summary>
public sealed class IncomingMessageService(IncomingMessageWriter writer)
{
    public async Task<ReceiveResult> ReceiveAsync(IncomingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message.Text))
        {
            return Invalid("Text", "Write a message.");
        }

        if (message.Text.Length > ChatLimits.MessageLength)
        {
            return Invalid("Text", "At most {0} characters.", ChatLimits.MessageLength);
        }

        if (FieldRules.Optional(message.ClientName, FieldLimits.ContactName) is { } nameError)
        {
            return Invalid("ClientName", nameError, FieldLimits.ContactName);
        }

        // The channel and the client's id are checked by the writer, against the channel as it is when the message is stored.
        return await writer.WriteAsync(message, cancellationToken);
    }

    internal static ReceiveResult Invalid(string field, string message, params object[] arguments) =>
        new(null, [new FieldError(field, message, arguments)]);
}
