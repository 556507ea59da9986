using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Messages;

namespace WazzupAdmin.Services.Chat;

/// <summary>The CRM user the signed-in account acts as in the chat window.</summary>
public sealed record ChatUser(string UserId, string Name);

public sealed record ConversationSummary(
    long Id, Guid ChannelId, Transport Transport, string ChannelName, string ContactId, string ContactName,
    string LastMessagePreview, DateTime LastActivityAtUtc, bool Unanswered, bool Unclaimed, bool TimedOut = false);

public sealed record ChatMessageView(long Id, bool Incoming, string AuthorName, string Text, DateTime SentAtUtc)
{
    /// <summary>Inbound for the client's messages; sent, delivered, read or error for replies (the status marks).</summary>
    public MessageStatus Status { get; init; } = MessageStatus.Inbound;

    public string? ContentUri { get; init; }
    public bool Edited { get; init; }
    public bool Deleted { get; init; }
    public string? ErrorCode { get; init; }

    /// <summary>Sent by the CRM through the API without naming a CRM user.</summary>
    public bool ByIntegration { get; init; }
}

/// <param name="Stage">The deal's funnel and stage; null when it is in none.</param>
public sealed record DealLink(string Id, string Name, bool Closed, string? Uri, Crm.DealStage? Stage = null);

/// <param name="Uri">The contact's own page in the CRM, as the CRM sent it; null when it sent none.</param>
public sealed record ContactLink(string Id, string Name, string? Uri);

/// <summary>The open conversation as one user may see it.</summary>
/// <param name="WriteBlockedReason">Why the composer is disabled (an English resource key), null when the user may write.</param>
public sealed record ConversationView(
    ConversationSummary Summary, ChannelRole Role, string? ResponsibleName, IReadOnlyList<ChatMessageView> Messages,
    bool CanWrite, bool WriteClaims, string? WriteBlockedReason);

public enum SendStatus
{
    Sent,

    /// <summary>Another rep replied first; <see cref="SendResult.TakenBy"/> names them. Nothing was stored.</summary>
    AlreadyTaken,

    /// <summary>The user may not write here; nothing was stored.</summary>
    Refused,
    Invalid,
}

public sealed record SendResult(SendStatus Status, string? TakenBy = null, string? Reason = null);

/// <summary>Addresses in the CRM that the chat window links to.</summary>
public static class CrmLinks
{
    /// <returns>The template with the id filled in, URL-escaped; null when no template is configured.</returns>
    public static string? RecordUrl(string? template, string placeholder, string id) =>
        string.IsNullOrWhiteSpace(template) ? null : template.Replace(placeholder, Uri.EscapeDataString(id), StringComparison.Ordinal);

    /// <returns>The template with the contact's and user's ids filled in, URL-escaped; null when no template is configured.</returns>
    public static string? CreateDealUrl(string? template, string contactId, string userId) =>
        string.IsNullOrWhiteSpace(template)
            ? null
            : template
                .Replace("{contactId}", Uri.EscapeDataString(contactId), StringComparison.Ordinal)
                .Replace("{userId}", Uri.EscapeDataString(userId), StringComparison.Ordinal);
}
