namespace WazzupAdmin.Services.Messages;

/// <summary>A message the CRM sends through the API (<c>POST /v3/message</c>), as the real product names its fields.</summary>
public sealed record SendMessageCommand(
    Guid? ChannelId, string? ChatType, string? ChatId, string? Username, string? Phone, string? Text, string? ContentUri,
    string? RefMessageId, string? CrmUserId, string? CrmMessageId, bool ClearUnanswered = true, string? TemplateId = null,
    IReadOnlyList<string>? TemplateValues = null);

/// <summary>An edit of a sent message (<c>PATCH /v3/message/{messageId}</c>).</summary>
public sealed record EditMessageCommand(string? Text, string? ContentUri, string? CrmUserId);

/// <summary>Why the API refused a message: the real product's error code, an English description and its data.</summary>
public sealed record MessageRefusal(int Status, string Error, string Description, object? Data = null);

/// <summary>The message as the API reports it after a send, an edit or a delete.</summary>
public sealed record MessageReceipt(Guid MessageId, string ChatId);

/// <summary>Either the receipt or the refusal.</summary>
public sealed record MessageOutcome(MessageReceipt? Receipt, MessageRefusal? Refusal)
{
    public static MessageOutcome Done(MessageReceipt receipt) => new(receipt, null);

    public static MessageOutcome Refused(int status, string error, string description, object? data = null) =>
        new(null, new MessageRefusal(status, error, description, data));
}

/// <summary>The error codes of the real product's sending, editing and deleting of messages.</summary>
public static class MessageErrors
{
    public const string InvalidMessageData = "INVALID_MESSAGE_DATA";
    public const string WrongTransport = "WRONG_TRANSPORT";
    public const string RepeatedCrmMessageId = "REPEATED_CRM_MESSAGE_ID";
    public const string ChannelNotFound = "CHANNEL_NOT_FOUND";
    public const string ChannelBlocked = "CHANNEL_BLOCKED";
    public const string ChannelNoMoney = "CHANNEL_NO_MONEY";
    public const string ChannelUnavailable = "MESSAGE_CHANNEL_UNAVAILABLE";
    public const string ChatNoAccess = "CHAT_NO_ACCESS";
    public const string OnlyTextOrContent = "MESSAGE_ONLY_TEXT_OR_CONTENT";
    public const string NothingToSend = "MESSAGE_NOTHING_TO_SEND";
    public const string TextCanNotBeBlank = "MESSAGES_TEXT_CAN_NOT_BE_BLANK";
    public const string ReferenceNotFound = "REFERENCE_MESSAGE_NOT_FOUND";
    public const string MessageNotFound = "MESSAGES_NOT_FOUND";
    public const string EditingTimeExpired = "MESSAGES_EDITING_TIME_EXPIRED";
    public const string DeletionTimeExpired = "MESSAGES_DELETION_TIME_EXPIRED";
    public const string NoEditing = "CHANNEL_INVALID_TRANSPORT_FOR_EDITING";
    public const string NoDeletion = "CHANNEL_INVALID_TRANSPORT_FOR_DELETION";
    public const string TemplateRejected = "TEMPLATE_REJECTED";
}
