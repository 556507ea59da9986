using System.Globalization;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Api;

/// <summary>One field the API refused, named by its JSON path (<c>user.id</c>, <c>filter[0].chatId</c>).</summary>
public sealed record ApiFieldError(string Field, string Description);

public static class ApiFieldErrors
{
    /// <summary>400 VALIDATION_ERROR with the refused fields in <c>data</c>.</summary>
    public static IResult Validation(IReadOnlyList<ApiFieldError> errors) =>
        ApiErrors.BadRequest(
            ApiErrors.ValidationError,
            errors.Count == 1 ? $"{errors[0].Field}: {errors[0].Description}" : $"{errors.Count} fields are not valid; see data.",
            errors);

    /// <summary>A use case's field error in English, under the API's name for the field.</summary>
    public static ApiFieldError From(FieldError error, string field) =>
        new(field, string.Format(CultureInfo.InvariantCulture, error.Message, error.Arguments));
}
