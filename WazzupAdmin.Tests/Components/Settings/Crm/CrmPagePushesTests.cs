using Bunit;
using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Components.Pages.Settings.Crm;
using WazzupAdmin.Data;
using WazzupAdmin.Services.Crm;

namespace WazzupAdmin.Tests.Components.Settings.Crm;

/// <summary>The CRM page says when the CRM last sent each kind of data, and from where.</summary>
public sealed class CrmPagePushesTests : AdminPageTest
{
    [Fact]
    public async Task Each_kind_shows_its_last_push_with_its_count_and_source()
    {
        var outcome = await Service<CrmSyncService>().UpsertUsersAsync([new CrmUserDto("u-new", "Nadia New", null)], "Test CRM");
        Assert.True(outcome.Succeeded);

        var page = Render<CrmPage>();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll(".crm-pushes tbody tr").Count));
        var users = page.Find(".crm-pushes tr[data-kind='users']").TextContent;
        Assert.Contains("Test CRM", users, StringComparison.Ordinal);
        Assert.DoesNotContain("Never", users, StringComparison.Ordinal);
        Assert.Contains(CrmSync.DemoSource, page.Find(".crm-pushes tr[data-kind='deals']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kind_the_CRM_never_sent_says_never()
    {
        await using (var db = await Service<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await db.CrmPushes.Where(p => p.Kind == "contacts").ExecuteDeleteAsync();
        }

        var page = Render<CrmPage>();

        page.WaitForAssertion(() => Assert.Contains("Never", page.Find(".crm-pushes tr[data-kind='contacts']").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Never", page.Find(".crm-pushes tr[data-kind='pipelines']").TextContent, StringComparison.Ordinal);
    }
}
