using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Messages;
using WazzupAdmin.Services.Messages;

namespace WazzupAdmin.Api;

/// <summary>A WABA template as the real product lists it at GET /templates/whatsapp.</summary>
public sealed record WabaTemplateDto(
    Guid TemplateGuid, long AccountId, string Title, string Name, WabaDto Waba, IReadOnlyList<Guid> Channels, string Category, string Language,
    string Status, [property: System.Text.Json.Serialization.JsonPropertyName("rejected_reason")] string? RejectedReason, string Namespace,
    IReadOnlyList<TemplateComponentDto> Components);

public sealed record WabaDto(string WabaId, string WabaName);

/// <param name="Type">HEADER, BODY, FOOTER or BUTTONS.</param>
/// <param name="Format">Only for HEADER: TEXT (the console's templates have text headers only).</param>
/// <param name="Example">Example values of the body's variables, one per <c>{{n}}</c>.</param>
public sealed record TemplateComponentDto(string Type, string? Format, string? Text, IReadOnlyList<string>? Example);

/// <summary>The body of the simulator's moderation of a template.</summary>
public sealed record SimulatedTemplateStatusRequest(string? Status, string? RejectedReason);

public static class TemplateEndpoints
{
    /// <summary>The console is one account with one Meta business account; its ids are fixed, as a single workspace's are.</summary>
    public const long AccountId = 1;

    public static RouteGroupBuilder MapTemplateEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/templates/whatsapp", async (int? limit, int? offset, WabaTemplateService templates, CancellationToken cancellationToken) =>
            {
                var take = Math.Clamp(limit ?? 100, 0, 100);
                var skip = Math.Max(offset ?? 0, 0);
                var list = await templates.ListAsync(skip, take, cancellationToken);
                return Results.Ok(list.Select(ToDto).ToList());
            })
            .Produces<List<WabaTemplateDto>>(StatusCodes.Status200OK)
            .WithName("ListWabaTemplates")
            .WithSummary("The WABA templates")
            .WithDescription(
                "The message templates of the workspace's WhatsApp Business API channels, limit (default and at most 100) from offset "
                + "(default 0), as a plain array. status is the moderation status (approved, pending, rejected, paused, disabled); only an "
                + "approved template can be sent (POST /message with templateId and templateValues). accountId, waba and namespace are "
                + "fixed values of this single simulated workspace.")
            .WithTags("Templates");

        api.MapPost("/simulator/templates/{templateGuid}/status", async (
                string templateGuid, HttpRequest request, WabaTemplateService templates, CancellationToken cancellationToken) =>
            {
                var (body, error) = await ApiJson.ReadAsync<SimulatedTemplateStatusRequest>(request, cancellationToken);
                if (error is not null)
                {
                    return error;
                }

                var status = body!.Status?.Trim().ToLowerInvariant();
                if (status is null || !WabaTemplateStatuses.All.Contains(status))
                {
                    return ApiFieldErrors.Validation([new("status", $"One of {string.Join(", ", WabaTemplateStatuses.All)}.")]);
                }

                return Guid.TryParse(templateGuid, out var id) && await templates.ModerateAsync(id, status, body.RejectedReason, cancellationToken)
                    ? Results.Ok(new { templateGuid = id, status })
                    : ApiErrors.NotFoundResult($"There is no template {templateGuid}.", new { templateGuid });
            })
            .Accepts<SimulatedTemplateStatusRequest>("application/json")
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithName("SimulateTemplateModeration")
            .WithSummary("Simulator only: Meta moderates a WABA template")
            .WithDescription(
                "An addition of this simulated workspace: sets a template's moderation status (with rejectedReason when rejected) and sends "
                + "the templateStatus webhook {templateStatus: {templateGuid, channelId, name, title, language, status, rejected_reason?, "
                + "timestamp}} to a CRM subscribed to templateStatus.")
            .WithTags("Simulator");
        return api;
    }

    private static WabaTemplateDto ToDto(WabaTemplate t)
    {
        var components = new List<TemplateComponentDto>();
        if (t.Header is { } header)
        {
            components.Add(new("HEADER", "TEXT", header, null));
        }

        var variables = WabaTemplateText.VariableCount(t.Body);
        components.Add(new("BODY", null, t.Body, variables == 0 ? null : [.. Enumerable.Range(1, variables).Select(n => $"value {n}")]));
        if (t.Footer is { } footer)
        {
            components.Add(new("FOOTER", null, footer, null));
        }

        return new WabaTemplateDto(t.TemplateGuid, AccountId, t.Title, t.Name, new WabaDto("100000000000001", "WazzupAdmin demo"), [t.ChannelId],
            t.Category, t.Language, t.Status, t.RejectedReason, "wazzupadmin_demo", components);
    }
}
