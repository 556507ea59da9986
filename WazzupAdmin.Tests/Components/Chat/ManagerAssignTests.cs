using Bunit;
using WazzupAdmin.Components.Pages.Chat;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Tests.Components.Chat;

/// <summary>A manager gives an unassigned client to a sales rep from the chat window.</summary>
public sealed class ManagerAssignTests : ChatComponentContext
{
    [Fact]
    public async Task A_manager_assigns_an_unclaimed_client_to_a_sales_rep_from_the_conversation()
    {
        var client = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34611222390", "Inés Vidal", "Hello?"));
        await SignInAsync("u-anna");

        var page = Render<ChatPage>(p => p.Add(x => x.ConversationId, client.ConversationId));
        page.WaitForElement(".assign-control select", Patience).Change("u-carmen");
        page.Find(".assign-control button").Click();

        page.WaitForAssertion(() => Assert.Contains("Carmen López", page.Find("dl.conversation-facts").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll(".assign-control"));
        var carmensView = await (await ChatAsAsync("u-carmen")).Reading.OpenAsync(client.ConversationId);
        Assert.True(carmensView is { CanWrite: true, WriteClaims: false });
        Assert.Null(await (await ChatAsAsync("u-boris")).Reading.OpenAsync(client.ConversationId));
    }

    [Fact]
    public async Task A_sales_rep_offered_the_client_cannot_assign_it()
    {
        var client = await ReceiveAsync(new IncomingMessage(SalesWhatsApp.Id, "34611222391", "Jon Ortiz", "Hello?"));
        await SignInAsync("u-boris");

        var page = Render<ChatPage>(p => p.Add(x => x.ConversationId, client.ConversationId));

        page.WaitForAssertion(() => Assert.Equal("Jon Ortiz", page.Find("h2#conversation-heading").TextContent.Trim()), Patience);
        Assert.Empty(page.FindAll(".assign-control"));
    }
}
