using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Tests.Concurrency;

/// <summary>A message the service refuses leaves no trace: no contact, deal, conversation, message, assignment or turn.</summary>
public sealed class InvalidIncomingMessageTests : IAsyncLifetime
{
    private static readonly Guid SalesTelegram = DemoWorkspace.Channels[1].Id;

    private IncomingMessageStore store = default!;

    public async Task InitializeAsync() => store = await IncomingMessageStore.StartAsync();

    public async Task DisposeAsync() => await store.DisposeAsync();

    [Fact]
    public async Task A_message_to_an_unknown_channel_stores_nothing()
    {
        await AssertRefusedAsync(new IncomingMessage(Guid.NewGuid(), "nina_kowalska", null, "Hello"), "ChannelId", "This channel does not exist.");
    }

    [Fact]
    public async Task A_message_to_a_disabled_channel_stores_nothing()
    {
        await using (var db = store.CreateDbContext())
        {
            await db.Channels.Where(c => c.Id == SalesTelegram)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ChannelState.Disabled));
        }

        await AssertRefusedAsync(new IncomingMessage(SalesTelegram, "nina_kowalska", null, "Hello"), "ChannelId", "This channel is disabled and receives no messages.");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("123456789012345678901")]
    [InlineData("+34 600 111 222")]
    public async Task A_message_with_an_invalid_client_identifier_stores_nothing(string clientId)
    {
        await AssertRefusedAsync(new IncomingMessage(SalesTelegram, clientId, null, "Hello"), "ClientId", expectedMessage: null);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_message_stores_nothing(string text)
    {
        await AssertRefusedAsync(new IncomingMessage(SalesTelegram, "nina_kowalska", null, text), "Text", "Write a message.");
    }

    private async Task AssertRefusedAsync(IncomingMessage message, string expectedField, string? expectedMessage)
    {
        var before = await SnapshotAsync();

        var result = await store.ReceiveAsync(message);

        Assert.False(result.Succeeded);
        Assert.Null(result.Received);
        var error = Assert.Single(result.Errors);
        Assert.Equal(expectedField, error.Field);
        if (expectedMessage is not null)
        {
            Assert.Equal(expectedMessage, error.Message);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    private async Task<string> SnapshotAsync()
    {
        await using var db = store.CreateDbContext();
        return string.Join(", ",
            $"contacts {await db.Contacts.CountAsync()}",
            $"chats {await db.ContactChats.CountAsync()}",
            $"deals {await db.Deals.CountAsync()}",
            $"conversations {await db.Conversations.CountAsync()}",
            $"messages {await db.Messages.CountAsync()}",
            $"offers {await db.ConversationOffers.CountAsync()}",
            $"assignments {await db.Assignments.CountAsync()}",
            $"turns {await db.ChannelTurns.CountAsync()}");
    }
}
