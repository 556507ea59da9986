using Microsoft.Extensions.Options;

namespace WazzupAdmin.Data;

/// <summary>The engine that holds the console's store.</summary>
public enum StoreProvider
{
    /// <summary>One SQLite file beside the app: the default, for one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, which several instances of the console may share.</summary>
    Postgres,
}

/// <summary>The <c>Store</c> section: which engine the connection string <c>ConnectionStrings:Wazzup</c> names.</summary>
public sealed class StoreProviderOptions
{
    public const string Section = "Store";

    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>
    /// The section as configured, checked: the store is registered before the host starts, so a wrong provider must
    /// stop the start-up here with a message that names the choices, not later with a binder's exception.
    /// </summary>
    public static StoreProviderOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[$"{Section}:{nameof(Provider)}"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return new StoreProviderOptions();
        }

        if (!Enum.TryParse<StoreProvider>(configured.Trim(), ignoreCase: true, out var provider) || !Enum.IsDefined(provider)
            || int.TryParse(configured, out _))
        {
            throw new OptionsValidationException(Section, typeof(StoreProviderOptions),
                [$"{Section}:{nameof(Provider)} is '{configured}': use {string.Join(" or ", Enum.GetNames<StoreProvider>())}."]);
        }

        return new StoreProviderOptions { Provider = provider };
    }
}

/// <summary>Checks the section again when the host starts (ValidateOnStart), for hosts that replaced the configuration.</summary>
public sealed class StoreProviderOptionsValidation(IConfiguration configuration) : IValidateOptions<StoreProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreProviderOptions options)
    {
        try
        {
            StoreProviderOptions.Read(configuration);
            return ValidateOptionsResult.Success;
        }
        catch (OptionsValidationException exception)
        {
            return ValidateOptionsResult.Fail(exception.Failures);
        }
    }
}
