using System.Globalization;

namespace WazzupAdmin.Services.Api;

/// <summary>
/// <c>create-api-key --name NAME</c>: creates an API key and prints it alone on standard output (the only time it is
/// shown), so that automation can take it with <c>$(...)</c>; what it is goes to standard error. Like
/// <c>create-admin</c>, it needs only the machine the console runs on, no browser.
/// </summary>
public sealed class ApiKeyCommand
{
    public const string Name = "create-api-key";

    private ApiKeyCommand(string? keyName) => KeyName = keyName;

    public string? KeyName { get; }

    public static bool TryParse(string[] args, out ApiKeyCommand command)
    {
        command = new ApiKeyCommand(null);
        if (args.Length == 0 || args[0] != Name)
        {
            return false;
        }

        string? name = null;
        for (var i = 1; i < args.Length - 1; i++)
        {
            if (args[i] == "--name")
            {
                name = args[++i];
            }
        }

        command = new ApiKeyCommand(name);
        return true;
    }

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (string.IsNullOrWhiteSpace(KeyName))
        {
            await error.WriteLineAsync($"Usage: dotnet run --project WazzupAdmin -- {Name} --name NAME");
            return 2;
        }

        using var scope = services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateFromCommandLineAsync(KeyName);
        if (created.Created is not { } key)
        {
            foreach (var e in created.Errors)
            {
                await error.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, e.Message, e.Arguments));
            }

            return 1;
        }

        await error.WriteLineAsync($"API key \"{key.Row.Name}\" created ({key.Row.Prefix}…). It is shown once; send it as 'Authorization: Bearer <key>'.");
        await output.WriteLineAsync(key.Key);
        return 0;
    }
}
