namespace WazzupAdmin.Services.Settings;

public enum SaveStatus
{
    Saved,
    Invalid,

    /// <summary>Someone else saved this channel since it was loaded; nothing was written.</summary>
    Conflict,
    NotFound,
}

/// <summary>A problem with one field. <see cref="Message"/> is an English resource key; <see cref="Arguments"/> fill its placeholders.</summary>
public sealed record FieldError(string Field, string Message, params object[] Arguments);

/// <summary>What a settings save did. Anything but <see cref="SaveStatus.Saved"/> means nothing was written.</summary>
public sealed record SaveOutcome(SaveStatus Status, long Version, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Status == SaveStatus.Saved;

    public static SaveOutcome Saved(long version) => new(SaveStatus.Saved, version, []);

    public static SaveOutcome Invalid(params FieldError[] errors) => new(SaveStatus.Invalid, 0, errors);

    public static SaveOutcome Invalid(IReadOnlyList<FieldError> errors) => new(SaveStatus.Invalid, 0, errors);

    public static SaveOutcome Conflict { get; } = new(SaveStatus.Conflict, 0, []);

    public static SaveOutcome NotFound { get; } = new(SaveStatus.NotFound, 0, []);

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}

/// <summary>One page of a longer list.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total);
