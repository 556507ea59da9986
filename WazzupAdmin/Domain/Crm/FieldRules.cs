namespace WazzupAdmin.Domain.Crm;

/// <summary>Checks of free-text fields against the limits of <see cref="FieldLimits"/>.</summary>
public static class FieldRules
{
    /// <returns>An English resource key with a {0} placeholder for the limit, or null when the value fits.</returns>
    public static string? Required(string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "This field is required.";
        }

        return value.Trim().Length > maxLength ? "At most {0} characters." : null;
    }

    /// <summary>Shortens a text to at most <paramref name="maxLength"/> characters, marking the cut with an ellipsis.</summary>
    public static string Truncate(string text, int maxLength) =>
        text.Length <= maxLength ? text : text[..(maxLength - 1)] + "…";

    public static string? Optional(string? value, int maxLength) =>
        value is not null && value.Trim().Length > maxLength ? "At most {0} characters." : null;
}
