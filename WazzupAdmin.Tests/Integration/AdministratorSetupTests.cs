using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WazzupAdmin.Data;
using WazzupAdmin.Extensions;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration;

/// <summary>The first administrator of a real (non-demo) installation, created with <c>create-admin</c>.</summary>
public sealed class AdministratorSetupTests : IAsyncLifetime
{
    private const string OwnerEmail = "owner@example.com";
    private const string OwnerPassword = "Owner-pass-2026";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "wazzupadmin-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? app;

    [Fact]
    public async Task Without_demo_and_without_an_administrator_the_console_does_not_start()
    {
        var services = await StartServicesAsync();

        Assert.False(await WorkspaceInitializer.InitializeAsync(services, NullLogger.Instance));
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Channels.AnyAsync());
        Assert.False(await db.Users.AnyAsync());
    }

    [Fact]
    public async Task Create_admin_makes_an_administrator_on_an_empty_database()
    {
        var services = await StartServicesAsync();
        Assert.True(AdminCommand.TryParse(["create-admin", "--email", OwnerEmail, "--password", OwnerPassword], out var command));
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await command.RunAsync(services, output, error);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error.ToString());
        Assert.Contains($"Administrator {OwnerEmail} is ready", output.ToString());
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var owner = await users.FindByEmailAsync(OwnerEmail);
            Assert.NotNull(owner);
            Assert.True(await users.IsInRoleAsync(owner, Roles.Administrator));
            Assert.True(await users.CheckPasswordAsync(owner, OwnerPassword));
        }

        Assert.True(await WorkspaceInitializer.InitializeAsync(services, NullLogger.Instance));
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Channels.AnyAsync(), "No demo data on a real installation.");
    }

    [Fact]
    public async Task Create_admin_promotes_an_existing_account_and_can_run_twice()
    {
        var services = await StartServicesAsync();
        Assert.True(AdminCommand.TryParse(["create-admin", "--email", OwnerEmail, "--password", OwnerPassword], out var command));
        Assert.Equal(0, await command.RunAsync(services, TextWriter.Null, TextWriter.Null));

        var output = new StringWriter();
        Assert.Equal(0, await command.RunAsync(services, output, TextWriter.Null));

        Assert.Contains("already exists", output.ToString());
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.Single(await users.GetUsersInRoleAsync(Roles.Administrator));
    }

    [Fact]
    public async Task Create_admin_refuses_a_weak_password()
    {
        var services = await StartServicesAsync();
        Assert.True(AdminCommand.TryParse(["create-admin", "--email", OwnerEmail, "--password", "short"], out var command));
        var error = new StringWriter();

        Assert.Equal(1, await command.RunAsync(services, TextWriter.Null, error));

        Assert.NotEqual("", error.ToString());
        Assert.False(await WorkspaceInitializer.InitializeAsync(services, NullLogger.Instance));
    }

    [Theory]
    [InlineData("create-admin", "--email", OwnerEmail)]
    [InlineData("create-admin", "--password", OwnerPassword)]
    [InlineData("create-admin")]
    public async Task Create_admin_without_email_or_password_prints_its_usage(params string[] args)
    {
        var services = await StartServicesAsync();
        Assert.True(AdminCommand.TryParse(args, out var command));
        var error = new StringWriter();

        Assert.Equal(2, await command.RunAsync(services, TextWriter.Null, error));

        Assert.StartsWith("Usage:", error.ToString());
    }

    [Theory]
    [InlineData]
    [InlineData("--urls", "http://localhost:5000")]
    [InlineData("create-administrator", "--email", OwnerEmail)]
    public void Other_command_lines_start_the_console(params string[] args)
    {
        Assert.False(AdminCommand.TryParse(args, out _));
    }

    [Fact]
    public async Task The_web_app_refuses_to_start_without_an_administrator_when_the_demo_is_off()
    {
        await using var factory = new AppFactory { SeedDemo = false };

        // Program.cs returns before the host starts, so there is no server to talk to.
        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
        Assert.Contains("server has not been started", error.Message);
    }

    /// <summary>The services the console builds in Program.cs, on an empty database in a temporary folder.</summary>
    private async Task<IServiceProvider> StartServicesAsync()
    {
        var builder = ConsoleBuilder.Create(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = folder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseSetup.ConnectionStringName}"] = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "admin.db") }.ToString(),
            ["DataProtection:KeysFolder"] = Path.Combine(folder, "keys"),
            ["Demo:Seed"] = "false",
        });
        builder.Logging.ClearProviders();
        builder.AddApplicationServices();
        app = builder.Build();
        await DatabaseSetup.MigrateAsync(app.Services);
        return app.Services;
    }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
