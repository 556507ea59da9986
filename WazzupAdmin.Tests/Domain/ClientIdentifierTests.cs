using WazzupAdmin.Domain.Channels;

namespace WazzupAdmin.Tests.Domain;

/// <summary>A client's identifier as a new-client contact stores it, so the same client is recognised however they are written.</summary>
public sealed class ClientIdentifierTests
{
    [Theory]
    [InlineData(Transport.WhatsApp, "+34 600 111 222", "34600111222")]
    [InlineData(Transport.WhatsApp, "34600111222", "34600111222")]
    [InlineData(Transport.WhatsApp, " +34600111222 ", "34600111222")]
    [InlineData(Transport.WhatsApp, "+1 (650) 253-0000", "16502530000")]
    [InlineData(Transport.Waba, "+7 912 345-67-89", "79123456789")]
    [InlineData(Transport.Waba, "79123456789", "79123456789")]
    public void A_WhatsApp_phone_is_stored_as_digits_only_with_or_without_the_plus(Transport transport, string input, string expected)
    {
        var check = ChannelIdentifier.CheckClient(transport, input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(expected, check.Normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void An_empty_WhatsApp_identifier_asks_for_the_phone_number(string? input)
    {
        var check = ChannelIdentifier.CheckClient(Transport.WhatsApp, input);

        Assert.False(check.IsValid);
        Assert.Equal("Enter the phone number.", check.Error);
    }

    [Theory]
    [InlineData("34 123")]
    [InlineData("+34 123")]
    [InlineData("999612345678")]
    [InlineData("abc")]
    [InlineData("@olga_smirnova")]
    public void A_WhatsApp_identifier_that_is_not_a_valid_phone_is_refused(string input)
    {
        var check = ChannelIdentifier.CheckClient(Transport.WhatsApp, input);

        Assert.False(check.IsValid);
        Assert.NotNull(check.Error);
        Assert.Equal("", check.Normalized);
    }

    [Theory]
    [InlineData(Transport.Telegram, "123456789", "123456789")]
    [InlineData(Transport.Telegram, " 5000000001 ", "5000000001")]
    [InlineData(Transport.Telegram, "12345678901234567890", "12345678901234567890")]
    [InlineData(Transport.TelegramBot, "123456789", "123456789")]
    public void A_Telegram_client_may_be_known_by_numeric_id(Transport transport, string input, string expected)
    {
        var check = ChannelIdentifier.CheckClient(transport, input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(expected, check.Normalized);
    }

    [Fact]
    public void A_Telegram_id_longer_than_20_digits_is_refused()
    {
        var check = ChannelIdentifier.CheckClient(Transport.Telegram, "123456789012345678901");

        Assert.False(check.IsValid);
        Assert.Equal("A Telegram id has at most 20 digits.", check.Error);
    }

    [Theory]
    [InlineData(Transport.Telegram, "@olga_smirnova", "olga_smirnova")]
    [InlineData(Transport.Telegram, "Olga_Smirnova", "Olga_Smirnova")]
    // A client writing to a bot is a person: their username need not end in "bot".
    [InlineData(Transport.TelegramBot, "olga_smirnova", "olga_smirnova")]
    public void A_Telegram_client_may_be_known_by_username(Transport transport, string input, string expected)
    {
        var check = ChannelIdentifier.CheckClient(transport, input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(expected, check.Normalized);
    }

    [Theory]
    [InlineData(Transport.Telegram, "abc")]
    [InlineData(Transport.Telegram, "1abcde")]
    [InlineData(Transport.Telegram, "-12345")]
    [InlineData(Transport.Telegram, "")]
    [InlineData(Transport.TelegramBot, "ab__cd")]
    public void A_Telegram_identifier_that_is_neither_an_id_nor_a_username_is_refused(Transport transport, string input)
    {
        Assert.False(ChannelIdentifier.CheckClient(transport, input).IsValid);
    }

    [Theory]
    [InlineData("@Pedro.Alves", "pedro.alves")]
    [InlineData("tanya.orlova", "tanya.orlova")]
    public void An_Instagram_client_is_known_by_username_in_lower_case(string input, string expected)
    {
        var check = ChannelIdentifier.CheckClient(Transport.Instagram, input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(expected, check.Normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pedro..alves")]
    [InlineData("pedro alves")]
    public void An_invalid_Instagram_username_is_refused(string input)
    {
        Assert.False(ChannelIdentifier.CheckClient(Transport.Instagram, input).IsValid);
    }
}
