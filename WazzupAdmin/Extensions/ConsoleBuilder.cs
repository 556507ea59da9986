namespace WazzupAdmin.Extensions;

/// <summary>How the console's web application builder is made, by Program.cs and by the benchmark program alike.</summary>
public static class ConsoleBuilder
{
    /// <summary>The host's setting that makes the default configuration files reload when they change.</summary>
    public const string ReloadConfigOnChange = "hostBuilder:reloadConfigOnChange";

    /// <summary>
    /// A builder whose configuration files do not reload on change. A reloading file makes the host watch the content
    /// root with every folder under it, and the store's SQLite file and its log live in the content root: every page
    /// the store wrote woke the watcher, which took about a tenth of the CPU while new clients arrived. The settings are
    /// read once at start in any case: the root appsettings.json never reloaded, and the options are validated on start.
    /// </summary>
    public static WebApplicationBuilder Create(WebApplicationOptions options) =>
        WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. options.Args ?? [], $"--{ReloadConfigOnChange}=false"],
            ApplicationName = options.ApplicationName,
            EnvironmentName = options.EnvironmentName,
            ContentRootPath = options.ContentRootPath,
            WebRootPath = options.WebRootPath,
        });
}
