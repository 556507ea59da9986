using WazzupAdmin.Domain.Channels;
using WazzupAdmin.Domain.Messages;

namespace WazzupAdmin.Tests.Domain.Messages;

/// <summary>The checks of a message the CRM sends or edits that need no store.</summary>
public sealed class OutgoingMessageCheckTests
{
    [Fact]
    public void A_complete_send_has_no_malformed_field()
    {
        Assert.Empty(OutgoingMessageCheck.MalformedFields(
            hasChannelId: true, "whatsapp", "79001234567", username: null, phone: null, crmMessageId: "m-1", contentUri: null));
    }

    [Fact]
    public void Every_malformed_field_is_named_in_the_order_the_api_lists_them()
    {
        var fields = OutgoingMessageCheck.MalformedFields(
            hasChannelId: false, "icq", chatId: " ", username: null, phone: null, new string('x', 201), "ftp://files.example/a.png");

        Assert.Equal(["channelId", "chatType", "chatId", "crmMessageId", "contentUri"], fields);
    }

    [Theory]
    [InlineData("alice", null)]
    [InlineData(null, "79001234567")]
    public void A_telegram_chat_may_be_named_by_username_or_phone_instead_of_chat_id(string? username, string? phone)
    {
        Assert.Empty(OutgoingMessageCheck.MalformedFields(hasChannelId: true, " telegram ", chatId: null, username, phone, null, null));
    }

    [Fact]
    public void Only_a_telegram_chat_may_go_without_chat_id()
    {
        Assert.Equal(["chatId"], OutgoingMessageCheck.MalformedFields(hasChannelId: true, "whatsapp", chatId: null, "alice", "79001234567", null, null));
    }

    [Fact]
    public void A_crm_message_id_of_200_characters_is_taken()
    {
        Assert.Empty(OutgoingMessageCheck.MalformedFields(hasChannelId: true, "whatsapp", "79001234567", null, null, new string('x', 200), null));
    }

    [Theory]
    [InlineData("Hello", null, null)]
    [InlineData(null, "https://files.example/a.png", null)]
    [InlineData("Hello", "https://files.example/a.png", ContentFault.TextAndContent)]
    [InlineData("", "https://files.example/a.png", ContentFault.TextAndContent)]
    [InlineData(null, null, ContentFault.Nothing)]
    [InlineData(null, "", ContentFault.Nothing)]
    [InlineData(null, "files.example/a.png", ContentFault.ContentNotHttp)]
    [InlineData(null, "javascript:alert(1)", ContentFault.ContentNotHttp)]
    [InlineData("", null, ContentFault.BlankText)]
    [InlineData("  \n", null, ContentFault.BlankText)]
    public void A_message_carries_a_text_or_an_http_content_link(string? text, string? contentUri, ContentFault? expected)
    {
        Assert.Equal(expected, OutgoingMessageCheck.Content(Transport.WhatsApp, text, contentUri));
    }

    [Theory]
    [InlineData(Transport.Instagram, 1_000)]
    [InlineData(Transport.Telegram, 4_096)]
    [InlineData(Transport.WhatsApp, 10_000)]
    public void A_text_may_be_as_long_as_the_messenger_takes_and_no_longer(Transport transport, int maxLength)
    {
        Assert.Null(OutgoingMessageCheck.Content(transport, new string('a', maxLength), null));
        Assert.Equal(ContentFault.TextTooLong, OutgoingMessageCheck.Content(transport, new string('a', maxLength + 1), null));
    }

    [Theory]
    [InlineData(Transport.WhatsApp, "whatsapp", true)]
    [InlineData(Transport.Waba, "whatsapp", true)]
    [InlineData(Transport.TelegramBot, "telegram", true)]
    [InlineData(Transport.WhatsApp, "telegram", false)]
    [InlineData(Transport.Waba, "waba", false)]
    [InlineData(Transport.Instagram, "Instagram", false)]
    public void A_chat_is_reached_from_a_channel_whose_clients_write_with_its_type(Transport transport, string chatType, bool fits)
    {
        Assert.Equal(fits, OutgoingMessageCheck.ChatTypeFits(transport, chatType));
    }
}
