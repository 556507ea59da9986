using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Components.Pages.Settings.Channels;
using WazzupAdmin.Components.Pages.Settings.Channels.NewClients;
using WazzupAdmin.Data;
using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Tests.Components.Settings.Channels.NewClients;

/// <summary>"Try before you save" on the new-clients and access pages: unsaved settings previewed, nothing stored.</summary>
[Trait("Category", "Routing")]
public sealed class DryRunPanelTests : AdminPageTest
{
    private const string PreviewButton = "Preview the next 10 new clients";

    [Fact]
    public async Task An_unsaved_algorithm_is_previewed_beside_the_saved_one_marked_as_changed_and_stale_once_edited_again()
    {
        var page = Render<NewClientsPage>(p => p.Add(x => x.ChannelId, SalesTelegram));
        page.WaitForAssertion(() => Assert.StartsWith("New clients: ", page.Find("h1").TextContent.Trim(), StringComparison.Ordinal), Patience);

        AlgorithmRadio(page, "First responder").Click();
        Button(page.Nodes, PreviewButton).Click();

        page.WaitForAssertion(() => Assert.Equal(10, Items(page, "dry-run-with-changes").Count), Patience);
        Assert.Equal("Boris Ivanov", Items(page, "dry-run-as-saved")[0].TextContent.Trim());
        Assert.All(Items(page, "dry-run-with-changes"), li =>
        {
            Assert.StartsWith("Offered to Boris Ivanov, Carmen López, Dmitri Sokolov", li.TextContent.Trim(), StringComparison.Ordinal);
            Assert.Contains("changed", li.QuerySelector(".upcoming-changed-mark")?.TextContent, StringComparison.Ordinal);
        });
        Assert.Contains("10 of the next 10 new clients would go elsewhere", page.Find("[data-testid='dry-run-status']").TextContent, StringComparison.Ordinal);
        Assert.Equal(DistributionAlgorithm.InTurn, (await StoredChannelAsync(SalesTelegram)).Algorithm);

        InputLabelled(page.Nodes, "Most unanswered clients per sales rep").Change("2");
        page.WaitForAssertion(() => Assert.Contains("The settings changed since this preview", page.Markup, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task An_unsaved_weight_on_the_access_page_is_previewed_and_a_bad_one_is_named_instead()
    {
        var page = Render<ChannelAccessPage>(p => p.Add(x => x.ChannelId, SalesTelegram));
        page.WaitForAssertion(() => Assert.StartsWith("Access: ", page.Find("h1").TextContent.Trim(), StringComparison.Ordinal), Patience);

        page.Find("input[aria-label='Weight of Boris Ivanov']").Change("3");
        Button(page.Nodes, PreviewButton).Click();

        page.WaitForAssertion(() => Assert.Equal(10, Items(page, "dry-run-with-changes").Count), Patience);
        Assert.Equal(6, Items(page, "dry-run-with-changes").Count(li => li.TextContent.Trim().StartsWith("Boris Ivanov", StringComparison.Ordinal)));
        Assert.Equal(4, Items(page, "dry-run-as-saved").Count(li => li.TextContent.Trim() == "Boris Ivanov"));
        await using (var db = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(1, (await db.ChannelAccess.SingleAsync(a => a.ChannelId == SalesTelegram && a.CrmUserId == "u-boris")).Weight);
        }

        page.Find("input[aria-label='Weight of Boris Ivanov']").Change("11");
        Button(page.Nodes, PreviewButton).Click();

        page.WaitForAssertion(() => Assert.Contains(
            "Correct this first: The weight of Boris Ivanov must be a whole number from 1 to 10.",
            page.Find("[data-testid='dry-run-status']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[data-testid='dry-run-with-changes']"));
    }

    private static IReadOnlyList<IElement> Items(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page, string testId) =>
        [.. page.FindAll($"[data-testid='{testId}'] li")];

    private static IElement AlgorithmRadio(IRenderedComponent<NewClientsPage> page, string name) =>
        page.Find("[role='radiogroup'][aria-labelledby='algorithm-heading']").QuerySelectorAll("label.mud-radio")
            .Single(l => l.TextContent.Trim() == name).QuerySelector("input[type='radio']")!;

    private async Task<Data.Entities.Channel> StoredChannelAsync(Guid channelId)
    {
        await using var db = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Channels.AsNoTracking().SingleAsync(c => c.Id == channelId);
    }
}
