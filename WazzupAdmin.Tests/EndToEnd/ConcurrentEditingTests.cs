using Microsoft.Playwright;
using WazzupAdmin.Tests.EndToEnd.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WazzupAdmin.Tests.EndToEnd;

[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
public sealed class ConcurrentEditingTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private const string Channel = "Sales Telegram";

    [Fact]
    public Task Second_administrator_saving_stale_access_is_told_and_sees_the_first_ones_change_after_reload() => RunAsync(async sessions =>
    {
        // The demo has one administrator account: two contexts signed in with it are two separate circuits, which
        // is all the version check sees.
        var first = await OpenAccessAsync(await sessions.OpenAsync("first", signedInAsAdministrator: true));
        var second = await OpenAccessAsync(await sessions.OpenAsync("second", signedInAsAdministrator: true));

        var hugoBefore = await first.RoleTextOfAsync("Hugo Martín");
        var hugoAfter = hugoBefore == "Manager" ? "Quality control" : "Manager";
        var faridBefore = await second.RoleTextOfAsync("Farid Khan");
        var faridAfter = faridBefore == "Manager" ? "Quality control" : "Manager";

        await first.SetRoleAsync("Hugo Martín", hugoAfter);
        await first.SaveAsync();

        await second.SetRoleAsync("Farid Khan", faridAfter);
        await second.ClickSaveAsync();

        await Expect(second.ConflictMessage).ToBeVisibleAsync();
        await Expect(second.SavedMessage).ToHaveCountAsync(0);

        await second.ReloadButton.ClickAsync();

        await Expect(second.ConflictMessage).ToHaveCountAsync(0);
        await Expect(second.ChosenRoleOf("Hugo Martín")).ToHaveTextAsync(hugoAfter);
        // The refused change was not stored and the reload dropped it.
        await Expect(second.ChosenRoleOf("Farid Khan")).ToHaveTextAsync(faridBefore);
    });

    private static async Task<AccessPage> OpenAccessAsync(IPage page) =>
        await (await new ChannelsPage(page).GotoAsync()).OpenAccessAsync(Channel);
}
