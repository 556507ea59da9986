using Microsoft.Playwright;

namespace WazzupAdmin.Tests.EndToEnd;

/// <summary>
/// Finds a Chromium without downloading anything: the PLAYWRIGHT_CHROMIUM_EXECUTABLE variable, then the system
/// Chromium, then the browser Playwright itself may have installed. A missing browser fails the run, never skips it,
/// so a green run always means the browser tests really ran.
/// </summary>
internal static class BrowserLauncher
{
    public const string ExecutableVariable = "PLAYWRIGHT_CHROMIUM_EXECUTABLE";
    private const string SystemChromium = "/usr/bin/chromium";

    private const string HowToGetOne =
        "Install a system Chromium (Debian/Ubuntu: `apt-get install chromium`, which puts it at /usr/bin/chromium) " +
        $"or set {ExecutableVariable} to the path of a Chromium or Chrome executable.";

    // Quiet and reproducible in containers and CI: no sandbox (often unavailable as root), no GPU, no background traffic.
    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var headed = Environment.GetEnvironmentVariable("HEADED") is "1" or "true";
        var options = new BrowserTypeLaunchOptions
        {
            Headless = !headed,
            Args = Args,
            // Slow enough to follow by eye when watching; SLOWMO_MS overrides it.
            SlowMo = headed ? float.Parse(Environment.GetEnvironmentVariable("SLOWMO_MS") ?? "250", System.Globalization.CultureInfo.InvariantCulture) : 0,
            ExecutablePath = FindExecutable(),
        };

        try
        {
            return await playwright.Chromium.LaunchAsync(options);
        }
        catch (PlaywrightException e)
        {
            var tried = options.ExecutablePath ?? "Playwright's own Chromium (none installed, or it could not start)";
            throw new InvalidOperationException($"Could not start a browser for the end-to-end tests ({tried}). {HowToGetOne}{Environment.NewLine}{e.Message}", e);
        }
    }

    /// <returns>The executable to use, or null to let Playwright try its own installed browser.</returns>
    private static string? FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable(ExecutableVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{ExecutableVariable} is set to '{configured}', which does not exist. {HowToGetOne}");
        }

        return File.Exists(SystemChromium) ? SystemChromium : null;
    }
}
