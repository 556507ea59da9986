using Microsoft.Playwright;

namespace WazzupAdmin.Tests.EndToEnd.Pages;

/// <summary>
/// The console's pages are prerendered, then become interactive once the Blazor Server circuit attaches. Until then
/// buttons and selects are plain HTML without handlers, so a click or a choice made too early is lost.
/// </summary>
internal static class BlazorPage
{
    // The layout carries data-interactive only when the circuit renders it (prerendered HTML has none).
    internal const string InteractiveScript = """
        () => window.Blazor !== undefined && document.querySelector('[data-interactive]') !== null
        """;

    /// <summary>Opens <paramref name="path"/> (relative to the console's address) and waits until it is interactive.</summary>
    public static async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForInteractiveAsync(page);
    }

    public static async Task WaitForInteractiveAsync(IPage page) =>
        await page.WaitForFunctionAsync(InteractiveScript, null, new PageWaitForFunctionOptions { PollingInterval = 50 });

    /// <summary>The page's only h1.</summary>
    public static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
}
