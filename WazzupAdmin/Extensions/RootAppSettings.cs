using Microsoft.Extensions.Configuration.Json;

namespace WazzupAdmin.Extensions;

public static class RootAppSettings
{
    /// <summary>
    /// The configuration lives in the repository's root appsettings.json, which the build copies beside the app.
    /// It is read in place of a content-root appsettings.json, so environment variables and the command line still
    /// override it as usual.
    /// </summary>
    public static WebApplicationBuilder AddRootAppSettings(this WebApplicationBuilder builder)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var sources = builder.Configuration.Sources;
        var contentRootIndex = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.json" });
        var source = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        sources.Insert(contentRootIndex < 0 ? 0 : contentRootIndex, source);
        return builder;
    }
}
