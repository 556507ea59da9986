using WazzupAdmin.Domain.Channels;

namespace WazzupAdmin.Tests.Domain;

/// <summary>A client's chat type is not the channel's transport: each transport writes to the chat type the API names.</summary>
public sealed class ChatTypeRulesTests
{
    [Theory]
    [InlineData(Transport.WhatsApp, "whatsapp", "whatsapp")]
    [InlineData(Transport.Waba, "wapi", "whatsapp")]
    [InlineData(Transport.Telegram, "tgapi", "telegram")]
    [InlineData(Transport.TelegramBot, "telegram", "telegram")]
    [InlineData(Transport.Instagram, "instagram", "instagram")]
    public void Every_transport_writes_to_the_chat_type_the_documentation_names(Transport transport, string transportName, string chatType)
    {
        Assert.Equal(transportName, transport.ApiName());
        Assert.Equal(chatType, transport.ClientChatType().ApiName());
        Assert.Contains(transport, transport.ClientChatType().Transports());
    }

    [Fact]
    public void The_documented_chat_types_are_known_and_transports_are_not_among_them()
    {
        foreach (var name in new[] { "whatsapp", "whatsgroup", "viber", "instagram", "telegram", "telegroup", "vk", "avito" })
        {
            Assert.True(ChatTypes.TryParseApiName(name, out var chatType), name);
            Assert.Equal(name, chatType.ApiName());
        }

        Assert.False(ChatTypes.TryParseApiName("tgapi", out _));
        Assert.False(ChatTypes.TryParseApiName("wapi", out _));
        Assert.Equal(ChatType.Telegram, ChatTypes.MeantBy("tgapi"));
        Assert.Equal(ChatType.WhatsApp, ChatTypes.MeantBy("wapi"));
    }

    [Fact]
    public void Chat_types_without_a_channel_type_have_no_transport()
    {
        Assert.Empty(ChatType.Vk.Transports());
        Assert.Equal([Transport.WhatsApp, Transport.Waba], ChatType.WhatsApp.Transports());
        Assert.Equal([Transport.Telegram, Transport.TelegramBot], ChatType.Telegram.Transports());
    }

    [Theory]
    [InlineData(ChatType.WhatsApp, "79011112233", "79011112233")]
    [InlineData(ChatType.WhatsApp, "+7 (901) 111-22-33", "79011112233")]
    [InlineData(ChatType.Viber, "79011112233", "79011112233")]
    [InlineData(ChatType.Instagram, "@Some.Store", "some.store")]
    [InlineData(ChatType.Telegram, "123456789", "123456789")]
    [InlineData(ChatType.Telegram, "@nina_berg", "nina_berg")]
    [InlineData(ChatType.WhatsGroup, "79132123789-1581764243", "79132123789-1581764243")]
    [InlineData(ChatType.Vk, "id12345", "id12345")]
    public void A_chat_id_is_stored_the_way_the_documentation_gives_it(ChatType chatType, string input, string stored)
    {
        var check = ChannelIdentifier.CheckChat(chatType, input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(stored, check.Normalized);
    }

    [Theory]
    [InlineData(ChatType.WhatsApp, "not a phone")]
    [InlineData(ChatType.WhatsApp, "")]
    [InlineData(ChatType.Telegram, "ab")]
    public void A_chat_id_that_cannot_be_one_is_refused(ChatType chatType, string input) =>
        Assert.False(ChannelIdentifier.CheckChat(chatType, input).IsValid);

    [Fact]
    public void A_telegram_phone_is_kept_as_its_digits()
    {
        Assert.Equal("79011112233", ChannelIdentifier.CheckPhoneDigits("+7 901 111-22-33").Normalized);
        Assert.False(ChannelIdentifier.CheckPhoneDigits("call me").IsValid);
    }
}
