using WazzupAdmin.Data;
using WazzupAdmin.Data.Demo;
using WazzupAdmin.Services.Chat;

namespace WazzupAdmin.Tests.Chat;

/// <summary>
/// One process may hold the store on SQLite and on PostgreSQL at once: the writer's compiled reads (the channel, the
/// clients' chats, the channel's rules, the webhook subscription) serve both, whichever came first.
/// </summary>
public sealed class StoresInOneProcessTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite, StoreProvider.Postgres)]
    [InlineData(StoreProvider.Postgres, StoreProvider.Sqlite)]
    public async Task New_clients_of_both_algorithms_are_stored_on_either_store_in_turn(StoreProvider first, StoreProvider second)
    {
        await using var one = await ChatWorkspace.StartAsync(first);
        await using var other = await ChatWorkspace.StartAsync(second);

        var phone = 34611000000 + (first == StoreProvider.Sqlite ? 100 : 200);
        foreach (var (workspace, n) in new[] { (one, 1), (other, 2), (one, 3), (other, 4) })
        {
            // Sales WhatsApp distributes by first responder, Sales Telegram in turn; a second message finds the chat.
            var offered = await workspace.ReceiveAsync(new IncomingMessage(DemoWorkspace.Channels[0].Id, $"{phone + n}", $"Client {n}", "Hello"));
            Assert.True(offered.IsNewClient);
            Assert.Equal(4, offered.OfferedTo.Count);
            var again = await workspace.ReceiveAsync(new IncomingMessage(DemoWorkspace.Channels[0].Id, $"{phone + n}", $"Client {n}", "Still there?"));
            Assert.False(again.IsNewClient);
            Assert.Equal(offered.ConversationId, again.ConversationId);

            var assigned = await workspace.ReceiveAsync(new IncomingMessage(DemoWorkspace.Channels[1].Id, $"{2000000000 + n}", $"Client {n}", "Hello"));
            Assert.True(assigned.IsNewClient);
            Assert.NotNull(assigned.ResponsibleUserId);
        }
    }
}
