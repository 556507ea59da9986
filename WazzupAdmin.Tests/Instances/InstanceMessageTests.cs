using System.Text;
using WazzupAdmin.Services.Chat;
using WazzupAdmin.Services.Instances;

namespace WazzupAdmin.Tests.Instances;

public sealed class InstanceMessageTests
{
    private static readonly Guid Instance = Guid.NewGuid();

    [Fact]
    public void A_chat_event_goes_to_the_other_instances_as_it_is()
    {
        var chatEvent = new ChatEvent(ChatEventKind.Claimed, Guid.NewGuid(), 42) { Concerns = ["u-boris", "u-carmen"] };

        var back = InstanceMessage.FromJson(InstanceMessage.Of(Instance, chatEvent).ToJson())!;

        Assert.Equal(Instance, back.From);
        var read = back.ToChatEvent();
        Assert.Equal((chatEvent.Kind, chatEvent.ChannelId, chatEvent.ConversationId), (read.Kind, read.ChannelId, read.ConversationId));
        Assert.Equal(chatEvent.Concerns, read.Concerns);
    }

    [Fact]
    public void A_chat_event_concerning_too_many_users_for_one_notification_goes_as_concerning_anyone()
    {
        var concerns = Enumerable.Range(0, 2000).Select(i => $"crm-user-{i:D6}").ToList();

        var message = InstanceMessage.Of(Instance, new ChatEvent(ChatEventKind.NewClient, Guid.NewGuid(), 7) { Concerns = concerns });

        Assert.True(Encoding.UTF8.GetByteCount(message.ToJson()) < 8000);
        Assert.Null(message.ToChatEvent().Concerns);
        Assert.True(message.ToChatEvent().MayConcern("crm-user-000001", new HashSet<Guid>()));
    }

    [Fact]
    public void Changed_deals_of_many_contacts_are_split_into_notifications_under_the_limit_keeping_every_contact()
    {
        var contacts = Enumerable.Range(0, 3000).Select(i => $"contact-\"{i}\"-ü").ToList();

        var messages = InstanceMessage.Split(Instance, InstanceMessage.DealsKind, contacts).ToList();

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.True(Encoding.UTF8.GetByteCount(m.ToJson()) < 8000));
        Assert.Equal(contacts, messages.SelectMany(m => InstanceMessage.FromJson(m.ToJson())!.Ids!));
    }

    [Fact]
    public void A_payload_that_is_not_an_instance_message_is_ignored() => Assert.Null(InstanceMessage.FromJson("{not json"));
}
