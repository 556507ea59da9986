using Bunit;
using WazzupAdmin.Components.Pages.Settings.Channels;
using WazzupAdmin.Components.Pages.Settings.Channels.NewClients;
using WazzupAdmin.Services.Crm;

namespace WazzupAdmin.Tests.Components.Settings.Channels;

/// <summary>The settings warn about a channel whose new-client stage the CRM removed.</summary>
public sealed class StageRemovedWarningTests : ChannelPageTest
{
    private const string Warning =
        "The CRM removed the stage Sales / New lead; new deals go to Sales / Qualified until the CRM sends Sales / New lead again or you choose another stage.";

    [Fact]
    public async Task The_channels_list_and_the_new_client_settings_warn_about_the_removed_stage_and_its_fallback()
    {
        var outcome = await Service<CrmPipelineService>().ReplaceAsync(
        [
            new CrmPipelineDto("f-sales", "Sales", [new CrmStageDto("s-qualified", "Qualified"), new CrmStageDto("s-won", "Won")]),
            new CrmPipelineDto("f-partners", "Partners", [new CrmStageDto("p-inbound", "Inbound request")]),
        ], "Test CRM");
        Assert.True(outcome.Succeeded);

        var list = Render<ChannelsPage>();
        list.WaitForAssertion(() => Assert.Single(list.FindAll(".stage-removed-warning")));
        var row = list.Find($"tr[data-channel-id='{SalesWhatsApp}']");
        Assert.Contains(Warning, row.TextContent, StringComparison.Ordinal);

        var settings = Render<NewClientsPage>(p => p.Add(x => x.ChannelId, SalesWhatsApp));
        settings.WaitForAssertion(() => Assert.Contains(Warning, settings.Find(".stage-removed-warning").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Once_the_CRM_sends_the_stage_again_the_warning_is_gone_and_the_page_shows_the_channels_stage()
    {
        var pipelines = Service<CrmPipelineService>();
        Assert.True((await pipelines.ReplaceAsync([new CrmPipelineDto("f-sales", "Sales", [new CrmStageDto("s-qualified", "Qualified")])], "Test CRM")).Succeeded);
        Assert.True((await pipelines.ReplaceAsync(
        [
            new CrmPipelineDto("f-sales", "Sales", [new CrmStageDto("s-new", "New lead"), new CrmStageDto("s-qualified", "Qualified")]),
            new CrmPipelineDto("f-partners", "Partners", [new CrmStageDto("p-inbound", "Inbound request")]),
        ], "Test CRM")).Succeeded);

        var settings = Render<NewClientsPage>(p => p.Add(x => x.ChannelId, SalesWhatsApp));
        settings.WaitForAssertion(() =>
            Assert.Equal(["Sales", "New lead"], settings.FindAll("option[selected]").Select(o => o.TextContent.Trim())));
        Assert.Empty(settings.FindAll(".stage-removed-warning"));
        Assert.Empty(Render<ChannelsPage>().FindAll(".stage-removed-warning"));
    }

    [Fact]
    public void Without_a_removal_no_channel_is_warned()
    {
        var list = Render<ChannelsPage>();

        list.WaitForAssertion(() => Assert.Equal(3, list.FindAll("tbody tr").Count));
        Assert.Empty(list.FindAll(".stage-removed-warning"));
    }
}
