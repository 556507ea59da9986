using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WazzupAdmin.Components.Pages.Settings.Channels.NewClients;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Access;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Tests.Components.Settings.Channels.NewClients;

/// <summary>The new-clients settings of a channel, rendered for an administrator over the real use cases and a store of its own.</summary>
public sealed class NewClientsPageTests : AdminPageTest
{
    [Fact]
    public void Choosing_another_funnel_lists_its_stages_and_selects_its_first_stage()
    {
        var page = RenderPage(SalesWhatsApp);
        Assert.Equal(["New lead", "Qualified", "Proposal", "Negotiation", "Won"], OptionTexts(Select(page, "Stage")));

        Select(page, "Funnel").Change("f-partners");

        Assert.Equal(["Inbound request", "Meeting", "Contract"], OptionTexts(Select(page, "Stage")));
        Assert.Equal("Inbound request", SelectedText(Select(page, "Stage")));
    }

    [Fact]
    public async Task Saving_stores_the_funnel_stage_and_algorithm()
    {
        var page = RenderPage(SalesWhatsApp);

        Select(page, "Funnel").Change("f-partners");
        Select(page, "Stage").Change("p-meeting");
        Radio(page, "In turn").Click();
        SaveButton(page).Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Saved", Snackbars.Markup, StringComparison.Ordinal), Patience);
        var stored = await LoadStoredAsync(SalesWhatsApp);
        Assert.Equal("f-partners", stored.FunnelId);
        Assert.Equal("p-meeting", stored.StageId);
        Assert.Equal(DistributionAlgorithm.InTurn, stored.Algorithm);
    }

    [Fact]
    public void The_sales_reps_who_would_take_part_are_listed_and_nobody_is_warned_about()
    {
        var page = RenderPage(SalesWhatsApp);

        var reps = page.Find("ul[aria-labelledby='eligible-heading']").QuerySelectorAll("li").Select(li => li.TextContent.Trim());
        Assert.Equal(["Boris Ivanov", "Carmen López", "Dmitri Sokolov", "Hugo Martín"], reps);
        Assert.DoesNotContain("Nobody would receive new clients", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warning_links_to_the_access_page_when_no_sales_rep_receives_new_clients()
    {
        await TurnOffNewClientsForEverySalesRepAsync(SalesWhatsApp);

        var page = RenderPage(SalesWhatsApp);

        var warning = page.FindAll(".mud-alert").Single(a => a.TextContent.Contains("Nobody would receive new clients", StringComparison.Ordinal));
        Assert.Contains("stay unassigned, visible to managers and quality control", warning.TextContent, StringComparison.Ordinal);
        Assert.Contains(warning.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"settings/channels/{SalesWhatsApp}/access");
        Assert.Empty(page.FindAll("ul[aria-labelledby='eligible-heading']"));
    }

    [Fact]
    public async Task A_save_after_someone_else_saved_the_channel_shows_the_conflict_and_stores_nothing()
    {
        var page = RenderPage(SalesWhatsApp);
        var loaded = await LoadStoredAsync(SalesWhatsApp);
        var otherSave = await Services.GetRequiredService<NewClientSettingsService>()
            .SaveAsync(SalesWhatsApp, loaded.Channel.Version, "f-sales", "s-won", DistributionAlgorithm.FirstResponder);
        Assert.True(otherSave.Succeeded);

        Select(page, "Funnel").Change("f-partners");
        Radio(page, "In turn").Click();
        SaveButton(page).Click();

        page.WaitForAssertion(() => Assert.Contains("changed by someone else", page.Markup, StringComparison.Ordinal), Patience);
        Assert.Single(page.FindAll("button"), b => b.TextContent.Trim() == "Reload");
        Assert.DoesNotContain("Saved", Snackbars.Markup, StringComparison.Ordinal);
        var stored = await LoadStoredAsync(SalesWhatsApp);
        Assert.Equal(("f-sales", "s-won", DistributionAlgorithm.FirstResponder), (stored.FunnelId, stored.StageId, stored.Algorithm));
        Assert.Equal(otherSave.Version, stored.Channel.Version);
    }

    [Fact]
    public async Task Reload_after_a_conflict_shows_what_the_other_administrator_saved()
    {
        var page = RenderPage(SalesWhatsApp);
        var loaded = await LoadStoredAsync(SalesWhatsApp);
        await Services.GetRequiredService<NewClientSettingsService>()
            .SaveAsync(SalesWhatsApp, loaded.Channel.Version, "f-sales", "s-won", DistributionAlgorithm.InTurn);
        SaveButton(page).Click();
        page.WaitForAssertion(() => Assert.Contains("changed by someone else", page.Markup, StringComparison.Ordinal), Patience);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Reload").Click();

        page.WaitForAssertion(() => Assert.Equal("Won", SelectedText(Select(page, "Stage"))), Patience);
        Assert.DoesNotContain("changed by someone else", page.Markup, StringComparison.Ordinal);
        Assert.True(Radio(page, "In turn").HasAttribute("checked"));
    }

    [Fact]
    public async Task A_channel_whose_stage_is_gone_asks_for_a_funnel_and_stage_before_saving()
    {
        await using (var context = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await context.Channels.Where(c => c.Id == SalesWhatsApp)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.FunnelId, (string?)null).SetProperty(c => c.StageId, (string?)null));
        }

        var page = RenderPage(SalesWhatsApp);
        Assert.Contains("The funnel or stage for new clients is not set", page.Markup, StringComparison.Ordinal);

        SaveButton(page).Click();

        page.WaitForAssertion(() => Assert.Contains("Choose a funnel.", page.Markup, StringComparison.Ordinal), Patience);
        Assert.Null((await LoadStoredAsync(SalesWhatsApp)).StageId);
    }

    [Fact]
    public void An_unknown_channel_is_reported_as_not_found()
    {
        var page = Render<NewClientsPage>(p => p.Add(x => x.ChannelId, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Equal("Channel not found", page.Find("h1").TextContent.Trim()), Patience);
        Assert.Contains(page.FindAll("a"), a => a.GetAttribute("href") == "settings/channels");
    }

    private IRenderedComponent<NewClientsPage> RenderPage(Guid channelId)
    {
        var page = Render<NewClientsPage>(p => p.Add(x => x.ChannelId, channelId));
        page.WaitForAssertion(() => Assert.StartsWith("New clients: ", page.Find("h1").TextContent.Trim(), StringComparison.Ordinal), Patience);
        return page;
    }

    private async Task<NewClientSettings> LoadStoredAsync(Guid channelId) =>
        await Services.GetRequiredService<NewClientSettingsService>().LoadAsync(channelId)
        ?? throw new InvalidOperationException($"Channel {channelId} is missing.");

    private async Task TurnOffNewClientsForEverySalesRepAsync(Guid channelId)
    {
        var access = Services.GetRequiredService<ChannelAccessService>();
        var sheet = await access.LoadAsync(channelId) ?? throw new InvalidOperationException($"Channel {channelId} is missing.");
        var changes = sheet.Users.Where(u => u.Role == ChannelRole.SalesRep).Select(u => u with { ReceivesNewClients = false }).ToList();
        var outcome = await access.SaveAsync(channelId, sheet.Channel.Version, changes);
        Assert.True(outcome.Succeeded);
    }

    /// <summary>The native select whose visible label is <paramref name="label"/>, found as a screen reader would.</summary>
    private static IElement Select(IRenderedComponent<NewClientsPage> page, string label)
    {
        var forId = page.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return page.Find($"select#{forId}");
    }

    private static IElement Radio(IRenderedComponent<NewClientsPage> page, string name) =>
        page.Find("[role='radiogroup'][aria-labelledby='algorithm-heading']").QuerySelectorAll("label.mud-radio")
            .Single(l => l.TextContent.Trim() == name).QuerySelector("input[type='radio']")!;

    private static IElement SaveButton(IRenderedComponent<NewClientsPage> page) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Save");

    private static string[] OptionTexts(IElement select) =>
        [.. select.QuerySelectorAll("option:not([disabled])").Select(o => o.TextContent.Trim())];

    private static string? SelectedText(IElement select) =>
        select.QuerySelectorAll("option").SingleOrDefault(o => o.HasAttribute("selected"))?.TextContent.Trim();
}
