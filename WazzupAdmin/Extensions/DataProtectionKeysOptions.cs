using Microsoft.Extensions.Options;

namespace WazzupAdmin.Extensions;

/// <summary>The <c>DataProtection</c> section: where a console on SQLite keeps the keys its cookies and tokens are protected with.</summary>
public sealed class DataProtectionKeysOptions
{
    public const string Section = "DataProtection";

    /// <summary>The keys' folder, absolute or relative to the content root.</summary>
    public string KeysFolder { get; set; } = "keys";

    public string FullPath(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, KeysFolder));
}

/// <summary>
/// Refuses to start without a folder: an empty one would put the keys into the content root itself, among the app's
/// files.
/// </summary>
public sealed class DataProtectionKeysOptionsValidation : IValidateOptions<DataProtectionKeysOptions>
{
    public ValidateOptionsResult Validate(string? name, DataProtectionKeysOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.KeysFolder)
            ? ValidateOptionsResult.Fail($"{DataProtectionKeysOptions.Section}:{nameof(DataProtectionKeysOptions.KeysFolder)} must name a folder, absolute or relative to the app, such as keys")
            : ValidateOptionsResult.Success;
    }
}
