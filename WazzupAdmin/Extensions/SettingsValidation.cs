using Microsoft.Extensions.Options;

namespace WazzupAdmin.Extensions;

public static class SettingsValidation
{
    /// <summary>
    /// Checks every option registered with ValidateOnStart now, as the host's start would, but before the store is
    /// migrated, the demo seeded or a command run: a bad setting stops the console with a message that names it, before
    /// it has changed anything.
    /// </summary>
    public static WebApplication ValidateSettings(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        return app;
    }
}
