using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Components.Pages.Settings.Webhooks;
using WazzupAdmin.Data;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Webhooks;
using WazzupAdmin.Tests.Components.AdminChat;
using WazzupAdmin.Tests.Webhooks;

namespace WazzupAdmin.Tests.Components.Settings.Webhooks;

public sealed class WebhooksPageTests : AdminPageTest
{
    // The receivers listen on 127.0.0.1; the default refusal of private addresses has its own tests.
    public WebhooksPageTests() => Services.Configure<WazzupAdmin.Services.Webhooks.WebhookOptions>(o => o.AllowPrivateNetworks = true);

    [Fact]
    public async Task An_address_that_answers_the_test_with_200_is_saved_with_its_subscriptions()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var page = RenderPage();

        InputLabelled(page.Nodes, "Address").Change(receiver.Address);
        page.FindAll("input[type=checkbox]")[0].Change(true);
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Saved.", page.Markup, StringComparison.Ordinal), Patience);
        Assert.Contains("The CRM answered 200.", page.Markup, StringComparison.Ordinal);
        Assert.True(Assert.Single(receiver.Requests).IsTest);
        var stored = await StoredAsync();
        Assert.Equal(receiver.Address, stored.Uri);
        Assert.True(stored.MessagesAndStatuses);
        Assert.False(stored.ChannelsUpdates);
        Assert.Equal(stored.Secret, page.Find("[data-testid=webhook-secret]").TextContent.Trim());
    }

    [Fact]
    public async Task A_refused_address_shows_the_crms_answer_and_is_not_saved()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerTests = 500;
        receiver.AnswerBody = "down for maintenance";
        var page = RenderPage();

        InputLabelled(page.Nodes, "Address").Change(receiver.Address);
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("The CRM answered 500.", page.Markup, StringComparison.Ordinal), Patience);
        Assert.Contains("down for maintenance", page.Find("[data-testid=webhook-answer]").TextContent, StringComparison.Ordinal);
        Assert.Contains("The address answered 500 instead of 200, so it was not saved.",
            FieldLabelled(page.Nodes, "Address").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Saved.", page.Markup, StringComparison.Ordinal);
        Assert.Null((await StoredAsync()).Uri);
    }

    [Fact]
    public async Task Send_test_shows_the_answer_without_saving()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerTests = 404;
        receiver.AnswerBody = "no such hook";
        var page = RenderPage();

        InputLabelled(page.Nodes, "Address").Change(receiver.Address);
        Button(page.Nodes, "Send test").Click();

        page.WaitForAssertion(() => Assert.Contains("The CRM answered 404.", page.Markup, StringComparison.Ordinal), Patience);
        Assert.Contains("no such hook", page.Markup, StringComparison.Ordinal);
        Assert.Null((await StoredAsync()).Uri);
    }

    [Fact]
    public async Task Deliveries_are_listed_and_a_dead_letter_can_be_resent()
    {
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var now = DateTime.UtcNow;
            db.OutboxEvents.AddRange(
                new OutboxEvent
                {
                    EventId = Guid.NewGuid(), Kind = WebhookKinds.Messages, Payload = "{}", Status = OutboxStatus.Delivered, Attempts = 1,
                    LastStatusCode = 200, CreatedAtUtc = now, NextAttemptAtUtc = now, DeliveredAtUtc = now,
                },
                new OutboxEvent
                {
                    EventId = Guid.NewGuid(), Kind = WebhookKinds.ChannelsUpdates, Payload = "{}", Status = OutboxStatus.DeadLettered, Attempts = 1,
                    LastStatusCode = 410, LastError = "gone for good", CreatedAtUtc = now, NextAttemptAtUtc = now,
                });
            await db.SaveChangesAsync();
        }

        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("table[aria-label='Recent deliveries'] tbody tr").Count), Patience);
        var rows = page.FindAll("table[aria-label='Recent deliveries'] tbody tr");
        Assert.Contains("channelsUpdates", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Dead-lettered", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("gone for good", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Delivered", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Empty(rows[1].QuerySelectorAll("button"));

        Button(rows[0].ChildNodes, "Resend").Click();

        page.WaitForAssertion(() => Assert.Contains("Pending",
            page.FindAll("table[aria-label='Recent deliveries'] tbody tr")[0].TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains("will be sent again", page.Markup, StringComparison.Ordinal);
        await using var check = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(OutboxStatus.Pending, await check.OutboxEvents.Where(e => e.Kind == WebhookKinds.ChannelsUpdates).Select(e => e.Status).SingleAsync());
    }

    private IRenderedComponent<WebhooksPage> RenderPage()
    {
        var page = Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("form")), Patience);
        Assert.Equal("Webhooks", page.Find("h1").TextContent.Trim());
        return page;
    }

    private async Task<WebhookSettings> StoredAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.WebhookSettings.AsNoTracking().SingleAsync();
    }
}

/// <summary>With the app's own configuration (private networks not allowed), a local address is refused next to the field.</summary>
public sealed class WebhooksPageAddressTests : AdminPageTest
{
    [Fact]
    public async Task A_loopback_address_is_refused_next_to_the_field_and_never_contacted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var page = Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("form")), Patience);

        InputLabelled(page.Nodes, "Address").Change(receiver.Address);
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains(
            "This address leads to 127.0.0.1, a loopback, private, link-local or multicast address.", page.Markup, StringComparison.Ordinal), Patience);
        Assert.DoesNotContain("Saved.", page.Markup, StringComparison.Ordinal);

        Button(page.Nodes, "Send test").Click();
        page.WaitForAssertion(() => Assert.Contains("Webhooks are sent only to public addresses.", page.Markup, StringComparison.Ordinal), Patience);

        Assert.Empty(receiver.Requests);
        await using var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Null(await db.WebhookSettings.Select(s => s.Uri).SingleOrDefaultAsync());
    }
}
