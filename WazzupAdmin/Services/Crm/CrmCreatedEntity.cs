namespace WazzupAdmin.Services.Crm;

/// <summary>What the CRM answered to a createContact or createDeal request: the entity it created, or why that is not one.</summary>
public sealed record CrmCreatedEntity(string Id, string? Name, string? ResponsibleUserId, string? Uri);
