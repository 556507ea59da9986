namespace WazzupAdmin.Services.Webhooks;

/// <summary>
/// The request to create a new client's deal, after its contact: <c>contacts</c> holds the CRM's id of the contact.
/// <c>name</c>, <c>pipelineId</c> and <c>stageId</c> (the funnel and stage the channel's settings choose) are additions of this console.
/// </summary>
public sealed record CreateDealHook(
    string? ResponsibleUserId, IReadOnlyList<string> Contacts, string Source, string Name, string? PipelineId, string? StageId);
