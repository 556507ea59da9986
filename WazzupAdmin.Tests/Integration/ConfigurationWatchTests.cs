using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Tests.Support;

namespace WazzupAdmin.Tests.Integration;

/// <summary>
/// The store's SQLite file and its log live in the content root. A configuration file that reloads on change makes the
/// host watch the content root with every folder under it, so every page the store writes would wake the watcher.
/// </summary>
public sealed class ConfigurationWatchTests : IAsyncLifetime
{
    private readonly AppFactory app = new();

    [Fact]
    public void The_running_console_watches_no_configuration_file()
    {
        var configuration = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();

        var files = configuration.Providers.OfType<JsonConfigurationProvider>().Select(p => p.Source).ToList();

        var rootSettings = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        Assert.Contains(files, source => source.FileProvider?.GetFileInfo(source.Path!).PhysicalPath == rootSettings);
        Assert.DoesNotContain(files, source => source.ReloadOnChange);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();
}
