namespace WazzupAdmin.Services.Accounts;

public sealed record AccountRow(string Id, string Email, bool IsAdministrator, string? CrmUserId, string? CrmUserName, DateTimeOffset? LockedOutUntil);
