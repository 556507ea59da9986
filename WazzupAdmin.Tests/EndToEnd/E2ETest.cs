using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WazzupAdmin.Tests.EndToEnd;

/// <summary>
/// Runs a test body in fresh browser contexts, each traced. xunit 2 has no "test failed" hook, so the body runs inside
/// <see cref="RunAsync(Func{IPage, Task}, string)"/>: when it throws, every context's trace and a full-page screenshot
/// are kept under playwright-artifacts/{test}/ beside the test assembly, and the exception goes on.
/// </summary>
public abstract class E2ETest(E2EFixture fixture, ITestOutputHelper output)
{
    protected E2EFixture Fixture { get; } = fixture;

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>The usual test: one person in one browser context.</summary>
    protected Task RunAsync(Func<IPage, Task> test, [CallerMemberName] string testName = "") =>
        RunAsync(async sessions => await test(await sessions.OpenAsync("page")), testName);

    /// <summary>One administrator, already signed in, in one browser context.</summary>
    protected Task RunAsAdministratorAsync(Func<IPage, Task> test, [CallerMemberName] string testName = "") =>
        RunAsync(async sessions => await test(await sessions.OpenAsync("page", signedInAsAdministrator: true)), testName);

    /// <summary>For tests with several people at once: each <see cref="BrowserSessions.OpenAsync"/> is a separate context.</summary>
    protected async Task RunAsync(Func<BrowserSessions, Task> test, [CallerMemberName] string testName = "")
    {
        var artifacts = Path.Combine(AppContext.BaseDirectory, "playwright-artifacts", $"{GetType().Name}.{testName}");
        // Artifacts of an earlier failure would mislead once the test passes.
        if (Directory.Exists(artifacts))
        {
            Directory.Delete(artifacts, recursive: true);
        }

        await using var sessions = new BrowserSessions(Fixture, $"{GetType().Name}.{testName}");
        try
        {
            await test(sessions);
            await sessions.DiscardTracesAsync();
        }
        catch (Exception failure)
        {
            Directory.CreateDirectory(artifacts);
            var saved = await sessions.SaveArtifactsAsync(artifacts);
            Output.WriteLine($"Test failed at {sessions.CurrentUrls()}: {failure.Message}");
            foreach (var line in sessions.BrowserErrors)
            {
                Output.WriteLine($"browser: {line}");
            }

            Output.WriteLine($"Kept for inspection (open a trace with `pwsh playwright.ps1 show-trace <zip>` or at trace.playwright.dev):");
            foreach (var file in saved)
            {
                Output.WriteLine($"  {file}");
            }

            throw;
        }
    }
}

/// <summary>The browser contexts of one test, each with its own cookies, page and trace.</summary>
public sealed class BrowserSessions(E2EFixture fixture, string testName) : IAsyncDisposable
{
    private readonly List<(string Label, IBrowserContext Context, IPage Page)> sessions = [];
    // Filled from Playwright's event thread.
    private readonly ConcurrentQueue<string> browserErrors = new();

    public IReadOnlyCollection<string> BrowserErrors => browserErrors;

    /// <summary>A new browser context (a separate person) with one page, traced with screenshots and DOM snapshots.</summary>
    public async Task<IPage> OpenAsync(string label, bool signedInAsAdministrator = false)
    {
        var state = signedInAsAdministrator ? await fixture.AdministratorStateAsync() : null;
        var context = await fixture.Browser.NewContextAsync(fixture.ContextOptions(state));
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        await context.Tracing.StartAsync(new TracingStartOptions { Title = $"{testName} ({label})", Screenshots = true, Snapshots = true });

        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                browserErrors.Enqueue($"[{label}] console: {message.Text}");
            }
        };
        page.PageError += (_, error) => browserErrors.Enqueue($"[{label}] page error: {error}");
        sessions.Add((label, context, page));
        return page;
    }

    public string CurrentUrls() => string.Join(", ", sessions.Select(s => $"[{s.Label}] {s.Page.Url}"));

    public async Task DiscardTracesAsync()
    {
        foreach (var (_, context, _) in sessions)
        {
            await context.Tracing.StopAsync();
        }
    }

    public async Task<IReadOnlyList<string>> SaveArtifactsAsync(string folder)
    {
        var saved = new List<string>();
        foreach (var (label, context, page) in sessions)
        {
            // Each step on its own: a crashed page must not cost the trace, which matters most.
            var screenshot = Path.Combine(folder, $"{label}.png");
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true, Timeout = 10_000 });
                saved.Add(screenshot);
            }
            catch (PlaywrightException)
            {
            }

            var trace = Path.Combine(folder, $"{label}-trace.zip");
            try
            {
                await context.Tracing.StopAsync(new TracingStopOptions { Path = trace });
                saved.Add(trace);
            }
            catch (PlaywrightException)
            {
            }
        }

        return saved;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, context, _) in sessions)
        {
            await context.DisposeAsync();
        }
    }
}
