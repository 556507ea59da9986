using System.Globalization;

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

    /// <summary>
    /// Shortens a text to at most <paramref name="maxLength"/> UTF-16 code units (what the store's limits count),
    /// marking the cut with an ellipsis. The cut falls between text elements (what a reader sees as one character):
    /// never inside a surrogate pair, which would store U+FFFD, nor between an emoji and its modifiers or joiners.
    /// </summary>
    public static string Truncate(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxLength)
        {
            return text;
        }

        return Prefix(text, maxLength - 1) + "…";
    }

    /// <summary>The longest run of whole text elements from the start of the text that fits in <paramref name="maxLength"/> code units.</summary>
    public static string Prefix(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var end = 0;
        while (end < text.Length)
        {
            var next = end + StringInfo.GetNextTextElementLength(text, end);
            if (next > maxLength)
            {
                break;
            }

            end = next;
        }

        return text[..end];
    }

    public static string? Optional(string? value, int maxLength) =>
        value is not null && value.Trim().Length > maxLength ? "At most {0} characters." : null;
}
