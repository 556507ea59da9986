using WazzupAdmin.Domain.Channels;

namespace WazzupAdmin.Domain.Messages;

/// <summary>What is wrong with an outgoing message's text or content link, in the order the real product checks them.</summary>
public enum ContentFault
{
    /// <summary>Both a text and a content link: a message carries one of them.</summary>
    TextAndContent,

    /// <summary>Neither a text nor a content link.</summary>
    Nothing,

    /// <summary>The content link is not an absolute http or https address.</summary>
    ContentNotHttp,

    /// <summary>The text is there but only white space.</summary>
    BlankText,

    /// <summary>The text is longer than the messenger takes (see <see cref="MessageRules.TextLimit"/>).</summary>
    TextTooLong,
}

/// <summary>
/// Whether a message the CRM sends or edits can go out, judged on the request alone: the checks that need no store,
/// so that a request the store could never satisfy is refused before anything is read.
/// </summary>
public static class OutgoingMessageCheck
{
    /// <summary>The longest crmMessageId the real product takes.</summary>
    public const int CrmMessageIdMaxLength = 200;

    /// <summary>
    /// The request fields of a send that are missing or malformed, by their API names in the order the API lists them;
    /// empty when there is none. A Telegram chat may be named by username or phone instead of chatId.
    /// </summary>
    public static IReadOnlyList<string> MalformedFields(
        bool hasChannelId, string? chatType, string? chatId, string? username, string? phone, string? crmMessageId, string? contentUri)
    {
        var fields = new List<string>();
        if (!hasChannelId)
        {
            fields.Add("channelId");
        }

        if (string.IsNullOrWhiteSpace(chatType) || !ChatTypes.TryParseApiName(chatType.Trim(), out _))
        {
            fields.Add("chatType");
        }

        var hasChat = !string.IsNullOrWhiteSpace(chatId);
        var telegram = string.Equals(chatType?.Trim(), ChatType.Telegram.ApiName(), StringComparison.Ordinal);
        if (!hasChat && !(telegram && (!string.IsNullOrWhiteSpace(username) || !string.IsNullOrWhiteSpace(phone))))
        {
            fields.Add("chatId");
        }

        if (crmMessageId is { Length: > CrmMessageIdMaxLength })
        {
            fields.Add("crmMessageId");
        }

        if (contentUri is { } uri && !string.IsNullOrWhiteSpace(uri) && !IsHttpUri(uri.Trim()))
        {
            fields.Add("contentUri");
        }

        return fields;
    }

    /// <summary>
    /// What is wrong with the text or the content link of a message on <paramref name="transport"/>; null when it can
    /// be sent. A text that is there counts even when empty: the real product then answers that it is blank.
    /// </summary>
    public static ContentFault? Content(Transport transport, string? text, string? contentUri)
    {
        var hasText = text is not null;
        var hasContent = !string.IsNullOrEmpty(contentUri);
        if (hasText && hasContent)
        {
            return ContentFault.TextAndContent;
        }

        if (!hasText && !hasContent)
        {
            return ContentFault.Nothing;
        }

        if (hasContent && !IsHttpUri(contentUri!))
        {
            return ContentFault.ContentNotHttp;
        }

        if (hasText && string.IsNullOrWhiteSpace(text))
        {
            return ContentFault.BlankText;
        }

        return hasText && text!.Length > MessageRules.TextLimit(transport).MaxLength ? ContentFault.TextTooLong : null;
    }

    /// <summary>Whether a client's chat of <paramref name="chatType"/> can be reached from a channel of <paramref name="transport"/>.</summary>
    public static bool ChatTypeFits(Transport transport, string chatType) =>
        ChatTypes.TryParseApiName(chatType, out var type) && type == transport.ClientChatType();

    /// <summary>An absolute http or https address, as a content link must be.</summary>
    private static bool IsHttpUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
