using Microsoft.AspNetCore.Identity;
using WazzupAdmin.Data;

namespace WazzupAdmin.Services.Accounts;

/// <summary><c>create-admin --email E --password P</c>: creates (or promotes) an administrator account and exits.</summary>
public sealed class AdminCommand
{
    private AdminCommand(string? email, string? password)
    {
        Email = email;
        Password = password;
    }

    public string? Email { get; }
    public string? Password { get; }

    public static bool TryParse(string[] args, out AdminCommand command)
    {
        command = new AdminCommand(null, null);
        if (args.Length == 0 || args[0] != "create-admin")
        {
            return false;
        }

        string? email = null, password = null;
        for (var i = 1; i < args.Length - 1; i++)
        {
            switch (args[i])
            {
                case "--email": email = args[++i]; break;
                case "--password": password = args[++i]; break;
            }
        }

        command = new AdminCommand(email, password);
        return true;
    }

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            await error.WriteLineAsync("Usage: dotnet run --project WazzupAdmin -- create-admin --email E --password P");
            return 2;
        }

        using var scope = services.CreateScope();
        await WorkspaceInitializer.EnsureRolesAsync(scope.ServiceProvider);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(Email);
        IdentityResult result;
        if (user is null)
        {
            user = new ApplicationUser { UserName = Email, Email = Email, EmailConfirmed = true };
            result = await users.CreateAsync(user, Password);
        }
        else
        {
            result = IdentityResult.Success;
            await output.WriteLineAsync($"{Email} already exists; making it an administrator.");
        }

        if (result.Succeeded && !await users.IsInRoleAsync(user, Roles.Administrator))
        {
            result = await users.AddToRoleAsync(user, Roles.Administrator);
        }

        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                await error.WriteLineAsync(e.Description);
            }

            return 1;
        }

        await output.WriteLineAsync($"Administrator {Email} is ready. Start the console with: dotnet run --project WazzupAdmin");
        return 0;
    }
}
