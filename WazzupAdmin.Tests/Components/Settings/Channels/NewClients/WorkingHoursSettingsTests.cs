using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Components.Pages.Settings.Channels.NewClients;
using WazzupAdmin.Data;
using WazzupAdmin.Domain.Distribution.Routing;
using WazzupAdmin.Services.Settings;

namespace WazzupAdmin.Tests.Components.Settings.Channels.NewClients;

/// <summary>A channel's working hours on the new-clients page.</summary>
[Trait("Category", "Routing")]
public sealed class WorkingHoursSettingsTests : AdminPageTest
{
    private const string HoursSwitch = "New clients are distributed only during working hours";

    [Fact]
    public async Task An_administrator_sets_a_working_week_in_a_time_zone_and_it_is_stored_and_audited()
    {
        var page = RenderNewClients();
        Assert.Empty(page.FindAll("table.working-week"));

        SwitchLabelled(page.Nodes, HoursSwitch).Change(true);
        SelectLabelled(page.Nodes, "Time zone").Change("Europe/Madrid");
        page.Find("input[aria-label='Open on Friday']").Change(false);
        page.Find("input[aria-label='Open on Saturday']").Change(true);
        page.Find("input[aria-label='Opens on Saturday']").Change("10:00");
        page.Find("input[aria-label='Closes on Saturday']").Change("14:00");
        page.Find("[role='radiogroup'][aria-labelledby='outside-hours-heading']").QuerySelectorAll("label.mud-radio")
            .Single(l => l.TextContent.Trim() == "Is distributed anyway").QuerySelector("input[type='radio']")!.Click();
        Button(page.Nodes, "Save").Click();

        AssertSavedMessage();
        await using var db = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var channel = await db.Channels.AsNoTracking().SingleAsync(c => c.Id == SalesTelegram);
        Assert.Equal("Europe/Madrid", channel.HoursTimeZone);
        Assert.Equal("Mon 09:00-18:00; Tue 09:00-18:00; Wed 09:00-18:00; Thu 09:00-18:00; Sat 10:00-14:00", channel.WeeklyHours);
        Assert.Equal(OutsideHoursChoice.DistributeAnyway, channel.OutsideHours);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.What == "Working hours" && e.OldValue == "Always open"
            && e.NewValue == "Europe/Madrid: Mon 09:00-18:00; Tue 09:00-18:00; Wed 09:00-18:00; Thu 09:00-18:00; Sat 10:00-14:00"));
    }

    [Fact]
    public async Task An_open_day_without_a_time_is_refused_next_to_the_week_and_nothing_is_saved()
    {
        var page = RenderNewClients();
        SwitchLabelled(page.Nodes, HoursSwitch).Change(true);
        page.Find("input[aria-label='Closes on Monday']").Change("");

        Button(page.Nodes, "Save").Click();

        page.WaitForAssertion(() => Assert.Equal(
            "Enter an opening and a closing time for each open day.", page.Find(".working-hours [role='alert']").TextContent.Trim()), Patience);
        await using var db = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Null((await db.Channels.AsNoTracking().SingleAsync(c => c.Id == SalesTelegram)).HoursTimeZone);
    }

    [Fact]
    public async Task The_service_refuses_an_unknown_time_zone_and_a_week_with_no_open_day()
    {
        var loaded = await Service<NewClientSettingsService>().LoadAsync(SalesTelegram);
        async Task<string?> ErrorAsync(WorkingHoursChoices hours, string field) =>
            (await Service<NewClientSettingsService>().SaveAsync(
                SalesTelegram, loaded!.Channel.Version, loaded.FunnelId, loaded.StageId, loaded.Algorithm, hours: hours)).ErrorFor(field);

        Assert.Equal(WorkingHoursChoices.UnknownTimeZone,
            await ErrorAsync(new WorkingHoursChoices("Mars/Olympus", [new DayHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(18, 0))]), WorkingHoursChoices.TimeZoneField));
        Assert.Equal(WorkingHoursChoices.NoDays, await ErrorAsync(new WorkingHoursChoices("Europe/Madrid", []), WorkingHoursChoices.DaysField));
    }

    [Fact]
    public void Stored_hours_are_shown_again_when_the_page_opens_in_spanish()
    {
        // The test base puts the culture back afterwards.
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("es");
        var page = Render<NewClientsPage>(p => p.Add(x => x.ChannelId, SalesTelegram));
        page.WaitForAssertion(() => Assert.Contains("Horario de atención", page.Markup, StringComparison.Ordinal), Patience);
        SwitchLabelled(page.Nodes, "Los clientes nuevos se reparten solo en horario de atención").Change(true);

        Assert.NotNull(page.Find("input[aria-label='Abre el lunes']"));
        Assert.Equal("Lunes", page.Find("table.working-week tbody th").TextContent.Trim());
    }

    private IRenderedComponent<NewClientsPage> RenderNewClients()
    {
        var page = Render<NewClientsPage>(p => p.Add(x => x.ChannelId, SalesTelegram));
        page.WaitForAssertion(() => Assert.StartsWith("New clients: ", page.Find("h1").TextContent.Trim(), StringComparison.Ordinal), Patience);
        return page;
    }

}
