using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using WazzupAdmin.Data;

namespace WazzupAdmin.Extensions;

/// <summary>Where the keys that protect sign-in cookies and antiforgery tokens are kept, so that both survive a restart.</summary>
public static class DataProtectionKeys
{
    public static IServiceCollection AddDataProtectionKeys(this IServiceCollection services, StoreProvider provider, string contentRoot)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("WazzupAdmin");
        if (provider == StoreProvider.Postgres)
        {
            // In the database, so that every instance reads the cookies and antiforgery tokens the others wrote.
            dataProtection.PersistKeysToDbContext<Data.Postgres.PostgresAppDbContext>();
            return services;
        }

        // Beside the database, in the folder of DataProtectionKeysOptions: what PersistKeysToFileSystem does, with the
        // folder read from the options when the keys are first needed instead of from the configuration here.
        services.AddOptions<DataProtectionKeysOptions>().BindConfiguration(DataProtectionKeysOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DataProtectionKeysOptions>, DataProtectionKeysOptionsValidation>();
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<DataProtectionKeysOptions>, ILoggerFactory>((options, keys, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(keys.Value.FullPath(contentRoot)), loggers));
        return services;
    }
}
