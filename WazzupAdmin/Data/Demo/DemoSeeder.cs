using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Services.Crm;

namespace WazzupAdmin.Data.Demo;

public static class DemoSeeder
{
    public static async Task SeedAsync(IServiceProvider services)
    {
        await SeedWorkspaceAsync(services.GetRequiredService<IDbContextFactory<AppDbContext>>(), services.GetRequiredService<TimeProvider>());

        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        await CreateAccountAsync(users, DemoWorkspace.AdminEmail, DemoWorkspace.AdminPassword, crmUserId: null, Roles.Administrator);
        foreach (var u in DemoWorkspace.Users)
        {
            await CreateAccountAsync(users, u.Email, DemoWorkspace.UserPassword, u.Id, role: null);
        }
    }

    /// <summary>The demo CRM's data and the demo channels with their access and new-client settings; no accounts.</summary>
    public static async Task SeedWorkspaceAsync(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
    {
        await DemoCrm.ImportAsync(dbFactory);

        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            foreach (var c in DemoWorkspace.Channels)
            {
                db.Channels.Add(new Channel
                {
                    Id = c.Id,
                    Transport = c.Transport,
                    PlainId = c.PlainId,
                    Name = c.Name,
                    CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
                    FunnelId = c.FunnelId,
                    StageId = c.StageId,
                    Algorithm = c.Algorithm,
                    Access = [.. c.Access.Select(a => new ChannelAccess { CrmUserId = a.UserId, Role = a.Role, ReceivesNewClients = a.ReceivesNewClients })],
                });
            }

            await db.SaveChangesAsync();
        }
    }

    private static async Task CreateAccountAsync(UserManager<ApplicationUser> users, string email, string password, string? crmUserId, string? role)
    {
        var account = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CrmUserId = crmUserId };
        var result = await users.CreateAsync(account, password);
        if (result.Succeeded && role is not null)
        {
            result = await users.AddToRoleAsync(account, role);
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
