using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Services.Crm;

public sealed record DemoContactLink(string Id, string Name);

public sealed record DemoDealLink(string Id, string Name, bool Closed, string? ResponsibleName, DealStage? Stage);

/// <param name="Known">Null for a chat type the console does not know (none should be stored).</param>
/// <param name="Identifier">The chat id, or for a Telegram chat known only so, its @username or phone.</param>
public sealed record DemoContactChat(ChatType? Known, string ChatType, string Identifier);

public sealed record DemoDealDetails(string Id, string Name, bool Closed, string? ResponsibleName, IReadOnlyList<DemoContactLink> Contacts, DealStage? Stage);

public sealed record DemoContactDetails(
    string Id, string Name, string? ResponsibleName, IReadOnlyList<DemoContactChat> Chats, IReadOnlyList<DemoDealLink> Deals);

/// <summary>The "create deal" form's subject: whose deal with which contact.</summary>
public sealed record DemoNewDeal(string ContactId, string ContactName, string UserId, string UserName);

public enum DemoDealStatus
{
    Created,
    Invalid,

    /// <summary>The signed-in account may not create deals for that user; nothing was written.</summary>
    Refused,
    NotFound,
}

/// <summary>The "create deal" form's subject, or why there is none.</summary>
/// <param name="Status">When there is no form: <see cref="DemoDealStatus.Refused"/> or <see cref="DemoDealStatus.NotFound"/>.</param>
/// <param name="Error">Why there is no form; its message is an English resource key.</param>
public sealed record DemoNewDealResult(DemoNewDeal? Form, DemoDealStatus Status, FieldError? Error);

public sealed record DemoDealCreation(DemoDealStatus Status, string? DealId, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Status == DemoDealStatus.Created;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}
