using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd.Pages;

/// <summary>"Try before you save" on the new-clients and access pages: the next new clients as saved and with the changes.</summary>
public sealed class DryRunPanel(IPage page)
{
    public ILocator PreviewButton => page.GetByRole(AriaRole.Button, new() { Name = "Preview the next 10 new clients", Exact = true });

    /// <summary>The next new clients as the settings are saved.</summary>
    public ILocator AsSaved => page.GetByRole(AriaRole.List, new() { Name = "As saved", Exact = true });

    /// <summary>The next new clients with the page's unsaved changes.</summary>
    public ILocator WithChanges => page.GetByRole(AriaRole.List, new() { Name = "With your changes", Exact = true });

    public ILocator Status => page.GetByTestId("dry-run-status");

    /// <summary>Runs the dry run and waits for both lists of the next new clients.</summary>
    public async Task PreviewAsync()
    {
        await PreviewButton.ClickAsync();
        await Expect(WithChanges.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        await Expect(AsSaved.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
    }
}
