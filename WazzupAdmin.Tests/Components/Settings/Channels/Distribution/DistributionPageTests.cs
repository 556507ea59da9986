using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Distribution;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Components.Pages.Settings.Channels.Distribution;

namespace WazzupAdmin.Tests.Components.Settings.Channels.Distribution;

public sealed class DistributionPageTests : AdminPageTest
{
    [Fact]
    public async Task In_turn_the_page_names_the_next_sales_rep_and_lists_who_got_each_client_and_why()
    {
        await ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");

        var page = RenderPage(SalesTelegram);

        Assert.Equal("Distribution: Sales Telegram", page.Find("h1").TextContent.Trim());
        Assert.Equal("Next new client goes to Carmen López.", Preview(page));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")), Patience);
        var row = page.Find("tbody tr");
        Assert.Equal("Nina Berg", row.Children[1].TextContent.Trim());
        Assert.Equal("Boris Ivanov", row.Children[2].TextContent.Trim());
        Assert.StartsWith("In turn:", row.Children[3].TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void First_responder_the_page_lists_who_the_next_client_would_be_offered_to()
    {
        var page = RenderPage(SalesWhatsApp);

        Assert.StartsWith(
            "The next new client would be offered to Boris Ivanov, Carmen López, Dmitri Sokolov, Hugo Martín",
            Preview(page), StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Contains("No client of this channel has been distributed yet.", page.Markup, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task With_nobody_eligible_the_page_warns_and_an_unassigned_client_shows_as_unassigned()
    {
        await NobodyReceivesNewClientsAsync(SalesTelegram);
        await ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");

        var page = RenderPage(SalesTelegram);

        var warning = page.Find("[data-testid='distribution-preview'] .mud-alert-text-warning");
        Assert.Contains("Nobody would receive the next new client", warning.TextContent, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal("Unassigned", page.Find("tbody tr").Children[2].TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task A_new_client_while_the_page_is_open_updates_the_preview()
    {
        var page = RenderPage(SalesTelegram);
        Assert.Equal("Next new client goes to Boris Ivanov.", Preview(page));

        await ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");

        page.WaitForAssertion(() => Assert.Equal("Next new client goes to Carmen López.", Preview(page)), Patience);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")), Patience);
    }

    [Fact]
    public async Task The_reasons_read_in_English_with_the_names_of_who_was_eligible_and_who_assigned()
    {
        await ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");
        await NobodyReceivesNewClientsAsync(SalesTelegram);
        var olaf = await ClientWritesAsync(SalesTelegram, "olaf_berg", "Olaf Berg");
        Assert.True((await Services.GetRequiredService<AssignmentService>().AssignAsync(olaf.ConversationId, "u-dmitri")).Succeeded);

        var reasons = Reasons(RenderPage(SalesTelegram), 3);

        Assert.Equal("Assigned by admin@wazzup.demo.", reasons[0]);
        Assert.Equal("Nobody was eligible: no sales rep with “receives new clients” on.", reasons[1]);
        Assert.StartsWith("In turn: ", reasons[2], StringComparison.Ordinal);
        Assert.EndsWith("eligible: Boris Ivanov, Carmen López, Dmitri Sokolov.", reasons[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Spanish_the_reasons_and_the_link_to_change_the_algorithm_read_in_Spanish()
    {
        await ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");
        await NobodyReceivesNewClientsAsync(SalesTelegram);
        var olaf = await ClientWritesAsync(SalesTelegram, "olaf_berg", "Olaf Berg");
        Assert.True((await Services.GetRequiredService<AssignmentService>().AssignAsync(olaf.ConversationId, "u-dmitri")).Succeeded);
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es");
        try
        {
            var page = RenderPage(SalesTelegram);
            var reasons = Reasons(page, 3);

            Assert.Equal("Asignado por admin@wazzup.demo.", reasons[0]);
            Assert.Equal("No había nadie disponible: ningún comercial tiene activado “recibe clientes nuevos”.", reasons[1]);
            Assert.StartsWith("Por turnos: ", reasons[2], StringComparison.Ordinal);
            Assert.EndsWith("elegibles: Boris Ivanov, Carmen López, Dmitri Sokolov.", reasons[2], StringComparison.Ordinal);
            Assert.DoesNotContain(reasons, r => r.Contains("eligible", StringComparison.Ordinal) || r.Contains("Assigned", StringComparison.Ordinal));
            Assert.Contains(page.FindAll("a"), a => a.TextContent.Trim() == "Cambiar el algoritmo");
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    [Fact]
    public async Task A_first_responder_claim_names_who_replied_first_and_who_it_was_offered_to_in_both_languages()
    {
        var olaf = await ClientWritesAsync(SalesWhatsApp, "+34 611 222 333", "Olaf Berg");
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            // The claim as the chat window writes it when Dmitri replies first.
            db.Assignments.Add(new Assignment { ConversationId = olaf.ConversationId, ChannelId = SalesWhatsApp, UserId = "u-dmitri", AtUtc = DateTime.UtcNow }
                .Because(AssignmentReason.Claimed("Dmitri Sokolov", ["Boris Ivanov", "Carmen López", "Hugo Martín"])));
            await db.SaveChangesAsync();
        }

        Assert.Equal("First responder: Dmitri Sokolov replied first; it was offered to Boris Ivanov, Carmen López, Hugo Martín.", Reasons(RenderPage(SalesWhatsApp), 2)[0]);
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es");
        try
        {
            var reasons = Reasons(RenderPage(SalesWhatsApp), 2);
            Assert.Equal("Primero en responder: Dmitri Sokolov respondió primero; se había ofrecido a Boris Ivanov, Carmen López, Hugo Martín.", reasons[0]);
            Assert.Equal("Primero en responder: ofrecido a Boris Ivanov, Carmen López, Dmitri Sokolov, Hugo Martín.", reasons[1]);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private static List<string> Reasons(IRenderedComponent<DistributionPage> page, int rows)
    {
        page.WaitForAssertion(() => Assert.Equal(rows, page.FindAll("tbody tr").Count), Patience);
        return [.. page.FindAll("tbody tr").Select(r => r.Children[3].TextContent.Trim())];
    }

    [Fact]
    [Trait("Category", "Routing")]
    public async Task The_page_plays_out_the_next_10_new_clients_with_the_weights_and_the_caps_of_now()
    {
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await db.ChannelAccess.Where(a => a.ChannelId == SalesTelegram && a.CrmUserId == "u-boris").ExecuteUpdateAsync(s => s.SetProperty(a => a.Weight, 2));
            await db.ChannelAccess.Where(a => a.ChannelId == SalesTelegram && a.CrmUserId == "u-dmitri").ExecuteUpdateAsync(s => s.SetProperty(a => a.MaxUnanswered, 1));
        }

        var page = RenderPage(SalesTelegram);

        // Dmitri can take one client; Boris then gets two for each of Carmen's.
        Assert.Equal(
            ["Boris Ivanov", "Carmen López", "Dmitri Sokolov", "Boris Ivanov", "Boris Ivanov", "Carmen López", "Boris Ivanov", "Boris Ivanov", "Carmen López", "Boris Ivanov"],
            page.FindAll("[data-testid='upcoming-clients'] li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    [Trait("Category", "Routing")]
    public async Task While_clients_wait_in_the_queue_the_preview_says_new_clients_wait_behind_them()
    {
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await db.Channels.Where(c => c.Id == SalesTelegram).ExecuteUpdateAsync(s => s.SetProperty(c => c.OnlyOnlineRepsReceiveNewClients, true));
        }

        await ClientWritesAsync(SalesTelegram, "nina_berg", "Nina Berg");

        var page = RenderPage(SalesTelegram);

        Assert.Contains("Nobody could take the next new client now: it would wait in the channel's queue", Preview(page), StringComparison.Ordinal);
        Assert.Contains("1 clients wait in the channel's queue; new clients wait behind them.", Preview(page), StringComparison.Ordinal);
        Assert.All(page.FindAll("[data-testid='upcoming-clients'] li"), li => Assert.Equal("Waits in the queue", li.TextContent.Trim()));
    }

    private IRenderedComponent<DistributionPage> RenderPage(Guid channelId)
    {
        var page = Render<DistributionPage>(p => p.Add(x => x.ChannelId, channelId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='distribution-preview']")), Patience);
        return page;
    }

    private static string Preview(IRenderedComponent<DistributionPage> page) =>
        page.Find("[data-testid='distribution-preview']").TextContent.Trim();
}
