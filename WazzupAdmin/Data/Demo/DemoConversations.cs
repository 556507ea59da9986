using Microsoft.EntityFrameworkCore;
using WazzupAdmin.Data.Entities;
using WazzupAdmin.Domain.Channels;

namespace WazzupAdmin.Data.Demo;

/// <summary>A little chat history for the demo contacts, so the chat window has something to show on first start.</summary>
public static class DemoConversations
{
    private static readonly Dictionary<string, Guid> ChannelByChatType = new()
    {
        [ChatType.WhatsApp.ApiName()] = DemoWorkspace.Channels[0].Id,
        [ChatType.Telegram.ApiName()] = DemoWorkspace.Channels[1].Id,
        [ChatType.Instagram.ApiName()] = DemoWorkspace.Channels[2].Id,
    };

    private static readonly string[][] Scripts =
    [
        ["Hello! Do you deliver on Saturdays?", "Hi! Yes, Saturday deliveries are possible between 9 and 14.", "Great, then Saturday please."],
        ["Could you send me the price list?", "Of course, sending it in a minute."],
        ["Is the oak model still in stock?"],
        ["Thanks for the quick answer yesterday!", "You're welcome, write any time."],
    ];

    public static async Task SeedAsync(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var start = clock.GetUtcNow().UtcDateTime.AddHours(-DemoWorkspace.Contacts.Length);
        for (var i = 0; i < DemoWorkspace.Contacts.Length; i++)
        {
            var contact = DemoWorkspace.Contacts[i];
            var script = Scripts[i % Scripts.Length];
            var conversation = new Conversation
            {
                ChannelId = ChannelByChatType[contact.ChatType],
                ContactId = contact.Id,
                CreatedAtUtc = start.AddHours(i),
            };
            for (var m = 0; m < script.Length; m++)
            {
                // The client writes first; replies alternate, so a script of odd length leaves the client unanswered.
                var incoming = m % 2 == 0;
                conversation.Messages.Add(new Message
                {
                    Incoming = incoming,
                    AuthorUserId = incoming ? null : contact.ResponsibleUserId,
                    Text = script[m],
                    SentAtUtc = conversation.CreatedAtUtc.AddMinutes(m * 7),
                    // The demo's past replies were read long ago.
                    Status = incoming ? Domain.Messages.MessageStatus.Inbound : Domain.Messages.MessageStatus.Read,
                    StatusAtUtc = incoming ? null : conversation.CreatedAtUtc.AddMinutes((m * 7) + 1),
                });
            }

            var last = conversation.Messages[^1];
            conversation.LastActivityAtUtc = last.SentAtUtc;
            conversation.LastMessagePreview = last.Text;
            conversation.Unanswered = last.Incoming;
            db.Conversations.Add(conversation);
        }

        await db.SaveChangesAsync();
    }
}
