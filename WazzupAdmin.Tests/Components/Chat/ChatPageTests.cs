using Bunit;
using WazzupAdmin.Components.Pages.Chat;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Tests.Components.Chat;

/// <summary>The chat window as a whole: who it is for, what an address shows, and how it follows what happens live.</summary>
public sealed class ChatPageTests : ChatComponentContext
{
    private const string LuciaPhone = "34600111222";

    [Fact]
    public async Task An_account_not_linked_to_a_CRM_user_is_told_to_ask_an_administrator()
    {
        await SignInWithEmailAsync(DemoWorkspace.AdminEmail);

        var page = Render<ChatPage>();

        page.WaitForAssertion(() => Assert.Contains(
            "Your account is not linked to a CRM user; ask an administrator to link it on the Accounts page.", page.Markup, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("nav.conversation-list"));
    }

    [Fact]
    public async Task The_list_shows_the_users_conversations_latest_first_with_their_marks()
    {
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, LuciaPhone, null, "Are the doors ready?"));
        var newClient = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34611222341", "Nora Blanco", "Anyone there?"));
        await SignInAsync("u-boris");

        var page = Render<ChatPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("nav.conversation-list li").Count), Patience);
        var items = page.FindAll("nav.conversation-list a");
        Assert.Equal([$"chat/{newClient.ConversationId}", $"chat/{lucia.ConversationId}"], items.Select(a => a.GetAttribute("href")));
        Assert.Contains("Nora Blanco", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("New client", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Unanswered", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Sales WhatsApp", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Are the doors ready?", items[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("New client", items[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_of_a_conversation_the_user_may_not_see_shows_nothing_of_it()
    {
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, LuciaPhone, null, "A private question"));
        await SignInAsync("u-carmen");

        var page = Render<ChatPage>(p => p.Add(x => x.ConversationId, lucia.ConversationId));

        page.WaitForAssertion(() => Assert.Contains("This conversation is not available to you.", page.Markup, StringComparison.Ordinal), Patience);
        Assert.DoesNotContain("A private question", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Lucía", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("textarea"));
    }

    [Fact]
    public async Task The_open_conversation_shows_the_client_channel_responsible_and_messages()
    {
        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, LuciaPhone, null, "Are the doors ready?"));
        await SignInAsync("u-anna");

        var page = Render<ChatPage>(p => p.Add(x => x.ConversationId, lucia.ConversationId));

        page.WaitForAssertion(() => Assert.Equal("Lucía Fernández", page.Find("h2#conversation-heading").TextContent.Trim()), Patience);
        var facts = page.Find("dl.conversation-facts").TextContent;
        Assert.Contains("Sales WhatsApp", facts, StringComparison.Ordinal);
        Assert.Contains("Boris Ivanov", facts, StringComparison.Ordinal);
        var message = page.Find("[role='log'] li.message.incoming");
        Assert.Contains("Are the doors ready?", message.TextContent, StringComparison.Ordinal);
        Assert.Contains("Lucía Fernández", message.TextContent, StringComparison.Ordinal);
        Assert.Equal("page", page.Find($"a[href='chat/{lucia.ConversationId}']").GetAttribute("aria-current"));
    }

    [Fact]
    public async Task A_new_client_appears_live_in_the_list()
    {
        await SignInAsync("u-hugo");
        var page = Render<ChatPage>();
        page.WaitForAssertion(() => Assert.Contains("No conversations yet", page.Markup, StringComparison.Ordinal), Patience);

        await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34611222342", "Olivia Paz", "Hello!"));

        page.WaitForAssertion(() => Assert.Contains("Olivia Paz", page.Find("nav.conversation-list").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task A_client_another_rep_claims_is_shown_as_taken_by_that_rep_and_leaves_the_list()
    {
        var newClient = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34611222343", "Nora Blanco", "Anyone there?"));
        await SignInAsync("u-carmen");
        var page = Render<ChatPage>(p => p.Add(x => x.ConversationId, newClient.ConversationId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("textarea")), Patience);

        var boris = await ChatAsAsync("u-boris");
        Assert.Equal(SendStatus.Sent, (await boris.Replies.SendAsync(newClient.ConversationId, "Boris here!")).Status);

        page.WaitForAssertion(() => Assert.Contains("This client was taken by Boris Ivanov.", page.Markup, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("nav.conversation-list li"));
        Assert.DoesNotContain("Boris here!", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_navigation_counter_follows_unanswered_clients_live()
    {
        await SignInAsync("u-boris");
        var link = Render<ChatNavLink>();
        link.WaitForAssertion(() => Assert.Contains("Chat", link.Find("a[href='chat']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(link.FindAll("[data-testid='unanswered-count']"));

        var lucia = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, LuciaPhone, null, "Hi"));
        await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34611222344", "Nora Blanco", "Anyone?"));

        link.WaitForAssertion(() => Assert.Equal("2", link.Find("[data-testid='unanswered-count']").TextContent.Trim()), Patience);
        Assert.Contains("2 unanswered", link.Find("a[href='chat']").TextContent, StringComparison.Ordinal);

        await (await ChatAsAsync("u-boris")).Replies.SendAsync(lucia.ConversationId, "Hello Lucía");

        link.WaitForAssertion(() => Assert.Equal("1", link.Find("[data-testid='unanswered-count']").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task The_navigation_has_no_chat_link_for_an_account_not_linked_to_a_CRM_user()
    {
        await SignInWithEmailAsync(DemoWorkspace.AdminEmail);
        var signIn = HoldSignIn();

        var link = Render<ChatNavLink>();
        Assert.Empty(link.FindAll("a"));
        var rendersWhileLookingUp = link.RenderCount;
        signIn();

        // The render that follows the lookup: the account is found, and it acts as no CRM user.
        link.WaitForState(() => link.RenderCount > rendersWhileLookingUp, Patience);
        Assert.Empty(link.FindAll("a"));
    }
}
