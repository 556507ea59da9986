namespace WazzupAdmin.Services.Webhooks;

/// <summary>One chat of a contact, as contacts carry them: <c>username</c> and <c>phone</c> only for Telegram, when known.</summary>
public sealed record ContactDataHook(string ChatType, string? ChatId, string? Username = null, string? Phone = null);

/// <summary>
/// The request to create a new client's contact, as the real product sends it: the CRM creates the contact and answers
/// with it, with its own id. <c>source</c> is <c>auto</c>: the console asks on its own, for a client who wrote.
/// </summary>
public sealed record CreateContactHook(string? ResponsibleUserId, string Name, IReadOnlyList<ContactDataHook> ContactData, string Source);
