using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WazzupAdmin.Components.Pages.Chat;
using WazzupAdmin.Data;
using WazzupAdmin.Services.Accounts;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Tests.Components.Chat;

/// <summary>The composer of the open conversation: when it is enabled, why it is not, and what a refused reply leaves.</summary>
public sealed class ComposerTests : ChatComponentContext
{
    private const string LuciaPhone = "34600111222";

    [Fact]
    public async Task The_responsible_rep_may_write_and_the_reply_appears_in_the_conversation()
    {
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, LuciaPhone, null, "Are the doors ready?"));
        await SignInAsync("u-boris");
        var pane = RenderPane(lucia.ConversationId);

        Assert.False(MessageBox(pane).HasAttribute("disabled"));
        Assert.False(SendButton(pane).HasAttribute("disabled"));
        Assert.Empty(pane.FindAll("[data-testid='write-blocked']"));

        MessageBox(pane).Input("Yes, delivery tomorrow.");
        SendButton(pane).Click();

        pane.WaitForAssertion(() => Assert.Contains(pane.FindAll("li.message.outgoing"),
            li => li.TextContent.Contains("Yes, delivery tomorrow.", StringComparison.Ordinal)
                  && li.TextContent.Contains("Boris Ivanov", StringComparison.Ordinal)), Patience);
        Assert.True(string.IsNullOrEmpty(MessageBox(pane).GetAttribute("value")));
    }

    [Fact]
    public async Task Quality_control_sees_the_conversation_but_the_composer_is_disabled_with_the_reason()
    {
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, LuciaPhone, null, "Are the doors ready?"));
        await SignInAsync("u-elena");
        var pane = RenderPane(lucia.ConversationId);

        Assert.Contains("Are the doors ready?", pane.Find("[role='log']").TextContent, StringComparison.Ordinal);
        Assert.True(MessageBox(pane).HasAttribute("disabled"));
        Assert.True(SendButton(pane).HasAttribute("disabled"));
        Assert.Equal("Quality control cannot write.", pane.Find("[data-testid='write-blocked']").TextContent.Trim());
    }

    [Fact]
    public void On_another_reps_client_the_composer_is_disabled_with_the_reason()
    {
        var composer = Render<Composer>(p => p
            .Add(x => x.ConversationId, 1)
            .Add(x => x.CanWrite, false)
            .Add(x => x.BlockedReason, ConversationAccess.BelongsToAnotherRep));

        Assert.Equal("This client belongs to another sales rep.", composer.Find("[data-testid='write-blocked']").TextContent.Trim());
        Assert.True(composer.Find("textarea").HasAttribute("disabled"));
        Assert.True(composer.FindAll("button").Single(b => b.TextContent.Trim() == "Send").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_reply_that_lost_the_race_says_who_took_the_client_and_keeps_the_text()
    {
        var newClient = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34611222340", "Nora Blanco", "Anyone there?"));
        await SignInAsync("u-carmen");
        var pane = RenderPane(newClient.ConversationId);
        Assert.Contains("first sales rep to reply becomes responsible", pane.Markup, StringComparison.Ordinal);

        // Boris replies first from his own window while Carmen is still typing.
        var boris = await ChatAsAsync("u-boris");
        Assert.Equal(SendStatus.Sent, (await boris.Replies.SendAsync(newClient.ConversationId, "Boris here, hello!")).Status);
        MessageBox(pane).Input("Hi Nora, Carmen here.");
        SendButton(pane).Click();

        pane.WaitForAssertion(() => Assert.Contains("Already taken by Boris Ivanov", pane.Find("[role='alert']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal("Hi Nora, Carmen here.", MessageBox(pane).GetAttribute("value"));
        await using var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Messages.AnyAsync(m => m.AuthorUserId == "u-carmen"));
    }

    [Fact]
    public async Task An_empty_reply_is_refused_with_the_reason()
    {
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, LuciaPhone, null, "Hi"));
        await SignInAsync("u-boris");
        var pane = RenderPane(lucia.ConversationId);

        SendButton(pane).Click();

        pane.WaitForAssertion(() => Assert.Equal("Write a message.", pane.Find("[role='alert']").TextContent.Trim()), Patience);
    }

    private IRenderedComponent<ConversationPane> RenderPane(long conversationId)
    {
        var me = Services.GetRequiredService<CurrentCrmUser>().GetAsync().GetAwaiter().GetResult()
            ?? throw new InvalidOperationException("The signed-in account is not linked to a CRM user.");
        var pane = Render<ConversationPane>(p => p.Add(x => x.ConversationId, conversationId).Add(x => x.Me, me));
        pane.WaitForAssertion(() => Assert.NotEmpty(pane.FindAll("textarea")), Patience);
        return pane;
    }

    private static IElement MessageBox(IRenderedComponent<ConversationPane> pane)
    {
        var forId = pane.FindAll("label").Single(l => l.TextContent.Trim() == "Message").GetAttribute("for");
        return pane.Find($"textarea#{forId}");
    }

    private static IElement SendButton(IRenderedComponent<ConversationPane> pane) =>
        pane.FindAll("button").Single(b => b.TextContent.Trim() == "Send");
}
