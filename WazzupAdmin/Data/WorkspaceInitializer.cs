using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WazzupAdmin.Data.Demo;

namespace WazzupAdmin.Data;

/// <summary>Idempotent start-up work: the roles, the demo workspace on an empty store, an administrator check.</summary>
public static class WorkspaceInitializer
{
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(Roles.Administrator))
        {
            await roles.CreateAsync(new IdentityRole(Roles.Administrator));
        }
    }

    /// <returns>false when the console must not start: there is no administrator and the demo is off.</returns>
    public static async Task<bool> InitializeAsync(IServiceProvider services, ILogger logger)
    {
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        await EnsureRolesAsync(provider);

        if (provider.GetRequiredService<IOptions<DemoOptions>>().Value.Seed)
        {
            var dbFactory = provider.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await using var db = await dbFactory.CreateDbContextAsync();
            var empty = !await db.Users.AnyAsync() && !await db.Channels.AnyAsync() && !await db.CrmUsers.AnyAsync();
            if (empty)
            {
                await DemoSeeder.SeedAsync(provider);
                await DemoConversations.SeedAsync(dbFactory, provider.GetRequiredService<TimeProvider>());
                logger.LogWarning("{Message}", DemoWorkspace.SignInSummary());
            }

            await DemoTemplates.EnsureAsync(dbFactory, provider.GetRequiredService<TimeProvider>());
        }

        var users = provider.GetRequiredService<UserManager<ApplicationUser>>();
        if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Count == 0)
        {
            logger.LogCritical(
                "There is no administrator account. Create one, then start the console again:{NewLine}  dotnet run --project WazzupAdmin -- create-admin --email E --password P",
                Environment.NewLine);
            return false;
        }

        return true;
    }
}
