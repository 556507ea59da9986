using System.Text.Json;
using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Services.Crm;

/// <summary>
/// Reading the CRM's answer to a createContact or createDeal request. CRMs answer in more than one shape, so what can be
/// read as an entity is taken, and anything else says why in words the administrator can act on.
/// </summary>
public static partial class CrmAdoption
{
    /// <summary>Reads the CRM's answer: a JSON object with an <c>id</c> (a string, or a number), or a one-element array of one.</summary>
    /// <param name="problem">Why the answer is not an entity, for the administrator to read.</param>
    public static bool TryRead(string? body, string what, out CrmCreatedEntity entity, out string problem)
    {
        entity = new CrmCreatedEntity("", null, null, null);
        if (string.IsNullOrWhiteSpace(body))
        {
            problem = $"The CRM answered with an empty body instead of the {what} it created.";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 1)
            {
                root = root[0];
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var id))
            {
                problem = $"The CRM's answer has no id of the {what} it created: {Excerpt(body)}";
                return false;
            }

            var text = id.ValueKind switch
            {
                JsonValueKind.String => id.GetString()?.Trim(),
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            };
            if (string.IsNullOrEmpty(text) || text.Length > FieldLimits.ContactId)
            {
                problem = $"The CRM's answer has no usable id of the {what} it created (a string of at most {FieldLimits.ContactId} characters): {Excerpt(body)}";
                return false;
            }

            entity = new CrmCreatedEntity(text, String(root, "name"), String(root, "responsibleUserId"), String(root, "uri"));
            problem = "";
            return true;
        }
        catch (JsonException)
        {
            problem = $"The CRM's answer is not JSON: {Excerpt(body)}";
            return false;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Excerpt(string body) => body.Length <= 200 ? body : body[..200] + "…";
}
