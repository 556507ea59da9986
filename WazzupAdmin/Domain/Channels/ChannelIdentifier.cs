using System.Text.RegularExpressions;
using PhoneNumbers;

namespace WazzupAdmin.Domain.Channels;

/// <summary>The outcome of checking a channel identifier: the normalised form, or why it is not valid.</summary>
/// <param name="Error">An English resource key, null when valid.</param>
public sealed record IdentifierCheck(bool IsValid, string Normalized, string? Error)
{
    public static IdentifierCheck Valid(string normalized) => new(true, normalized, null);

    public static IdentifierCheck Invalid(string error) => new(false, "", error);
}

/// <summary>Checks the identifier a channel is known by, by the rules of its messenger.</summary>
public static partial class ChannelIdentifier
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static IdentifierCheck Check(Transport transport, string? input)
    {
        var value = (input ?? "").Trim();
        if (value.Length == 0)
        {
            return IdentifierCheck.Invalid(transport is Transport.WhatsApp or Transport.Waba
                ? "Enter the phone number."
                : "Enter the username.");
        }

        return transport switch
        {
            Transport.WhatsApp or Transport.Waba => CheckPhone(value),
            Transport.Telegram => CheckTelegram(value, mustBeBot: false),
            Transport.TelegramBot => CheckTelegram(value, mustBeBot: true),
            Transport.Instagram => CheckInstagram(value),
            _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, null),
        };
    }

    /// <summary>
    /// A client's identifier on a channel of this transport, in the form contacts store it: a WhatsApp phone as digits
    /// only, a Telegram username or numeric id, an Instagram username.
    /// </summary>
    public static IdentifierCheck CheckClient(Transport transport, string? input)
    {
        var value = (input ?? "").Trim();
        switch (transport)
        {
            case Transport.WhatsApp or Transport.Waba:
                var phone = Check(transport, value.StartsWith('+') || value.Length == 0 ? value : "+" + value);
                return phone.IsValid ? IdentifierCheck.Valid(phone.Normalized.TrimStart('+')) : phone;
            case Transport.Telegram or Transport.TelegramBot when value.Length > 0 && value.All(char.IsAsciiDigit):
                return value.Length <= 20 ? IdentifierCheck.Valid(value) : IdentifierCheck.Invalid("A Telegram id has at most 20 digits.");
            case Transport.TelegramBot:
                return Check(Transport.Telegram, value);
            default:
                return Check(transport, value);
        }
    }

    /// <summary>
    /// A chat id as the CRM gives it for a chat type, in the form contacts store it. As lenient as the documentation:
    /// WhatsApp and Viber ids are the phone's digits (spaces, dashes, brackets and a leading + are dropped, no check of
    /// the number plan); Telegram ids are a numeric id or a username; Instagram ids a username without @; group, VK and
    /// Avito ids are opaque, as the webhooks give them.
    /// </summary>
    public static IdentifierCheck CheckChat(ChatType chatType, string? input)
    {
        var value = (input ?? "").Trim();
        if (value.Length == 0)
        {
            return IdentifierCheck.Invalid("This field is required.");
        }

        return chatType switch
        {
            ChatType.WhatsApp or ChatType.Viber => CheckPhoneDigits(value),
            ChatType.Telegram when value.All(char.IsAsciiDigit) =>
                value.Length <= 20 ? IdentifierCheck.Valid(value) : IdentifierCheck.Invalid("A Telegram id has at most 20 digits."),
            ChatType.Telegram => CheckTelegram(value, mustBeBot: false),
            ChatType.Instagram => CheckInstagram(value),
            _ => value.Length <= 100 ? IdentifierCheck.Valid(value) : IdentifierCheck.Invalid("At most 100 characters."),
        };
    }

    /// <summary>A Telegram username as contacts store it: without the leading @.</summary>
    public static IdentifierCheck CheckTelegramUsername(string? input) => CheckTelegram((input ?? "").Trim(), mustBeBot: false);

    /// <summary>A phone given as digits (international format without +), as the API takes Telegram contacts' phones.</summary>
    public static IdentifierCheck CheckPhoneDigits(string? input)
    {
        var value = (input ?? "").Trim();
        var digits = new string([.. value.Where(c => c is not (' ' or '-' or '(' or ')' or '.'))]);
        if (digits.StartsWith('+'))
        {
            digits = digits[1..];
        }

        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return IdentifierCheck.Invalid("Only the phone's digits, with the country code, for example 79011112233.");
        }

        return digits.Length is >= 5 and <= 20
            ? IdentifierCheck.Valid(digits)
            : IdentifierCheck.Invalid("A phone has 5 to 20 digits, with the country code.");
    }

    /// <summary>A phone number in international format (+ and the country code), normalised to E.164.</summary>
    public static IdentifierCheck CheckPhone(string value)
    {
        if (!value.StartsWith('+'))
        {
            return IdentifierCheck.Invalid("Enter the number in international format: + and the country code, for example +34 612 345 678.");
        }

        try
        {
            var number = Phones.Parse(value, null);
            return Phones.IsValidNumber(number)
                ? IdentifierCheck.Valid(Phones.Format(number, PhoneNumberFormat.E164))
                : IdentifierCheck.Invalid("This is not a valid phone number for its country.");
        }
        catch (NumberParseException)
        {
            return IdentifierCheck.Invalid("This is not a phone number.");
        }
    }

    // Telegram: 5 to 32 characters, Latin letters, digits and underscores, starting with a letter,
    // no trailing or doubled underscore. Bots' usernames end in "bot".
    private static IdentifierCheck CheckTelegram(string value, bool mustBeBot)
    {
        var username = WithoutAt(value);
        if (username.Length is < 5 or > 32)
        {
            return IdentifierCheck.Invalid("A Telegram username has 5 to 32 characters.");
        }

        if (!TelegramUsername().IsMatch(username) || username.Contains("__", StringComparison.Ordinal))
        {
            return IdentifierCheck.Invalid("A Telegram username starts with a letter and has only Latin letters, digits and single underscores, not at the end.");
        }

        if (mustBeBot && !username.EndsWith("bot", StringComparison.OrdinalIgnoreCase))
        {
            return IdentifierCheck.Invalid("A Telegram bot's username ends in \"bot\".");
        }

        return IdentifierCheck.Valid(username);
    }

    // Instagram: 1 to 30 characters, letters, digits, periods and underscores; no period first, last or twice in a row.
    private static IdentifierCheck CheckInstagram(string value)
    {
        var username = WithoutAt(value);
        if (username.Length > 30)
        {
            return IdentifierCheck.Invalid("An Instagram username has at most 30 characters.");
        }

        if (!InstagramUsername().IsMatch(username))
        {
            return IdentifierCheck.Invalid("An Instagram username has only letters, digits, periods and underscores.");
        }

        if (username.StartsWith('.') || username.EndsWith('.') || username.Contains("..", StringComparison.Ordinal))
        {
            return IdentifierCheck.Invalid("An Instagram username cannot start or end with a period or have two in a row.");
        }

        return IdentifierCheck.Valid(username.ToLowerInvariant());
    }

    // One leading @, as people write usernames; "@@name" is a typo, not a username.
    private static string WithoutAt(string value) => value.StartsWith('@') ? value[1..] : value;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*[A-Za-z0-9]$")]
    private static partial Regex TelegramUsername();

    [GeneratedRegex("^[A-Za-z0-9._]+$")]
    private static partial Regex InstagramUsername();
}
