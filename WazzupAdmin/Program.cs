using WazzupAdmin.Data;
using WazzupAdmin.Extensions;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Api;

var builder = ConsoleBuilder.Create(new WebApplicationOptions { Args = args });
builder.AddRootAppSettings();
builder.AddApplicationServices();

var app = builder.Build();
app.ValidateSettings();

if (AdminCommand.TryParse(args, out var adminCommand))
{
    await DatabaseSetup.MigrateAsync(app.Services);
    return await adminCommand.RunAsync(app.Services, Console.Out, Console.Error);
}

if (ApiKeyCommand.TryParse(args, out var apiKeyCommand))
{
    await DatabaseSetup.MigrateAsync(app.Services);
    return await apiKeyCommand.RunAsync(app.Services, Console.Out, Console.Error);
}

await DatabaseSetup.MigrateAsync(app.Services);
if (!await WorkspaceInitializer.InitializeAsync(app.Services, app.Logger))
{
    return 1;
}

app.UseApplicationPipeline();
await app.RunAsync();
return 0;

public partial class Program;
