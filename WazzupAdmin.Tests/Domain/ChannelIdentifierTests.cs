using WazzupAdmin.Domain.Channels;

namespace WazzupAdmin.Tests.Domain;

public sealed class ChannelIdentifierTests
{
    [Theory]
    [InlineData(Transport.WhatsApp, "+34 612 345 678", "+34612345678")]
    [InlineData(Transport.WhatsApp, "+34612345678", "+34612345678")]
    [InlineData(Transport.WhatsApp, "  +44 7911 123456 ", "+447911123456")]
    [InlineData(Transport.WhatsApp, "+1 (650) 253-0000", "+16502530000")]
    [InlineData(Transport.Waba, "+7 912 345-67-89", "+79123456789")]
    [InlineData(Transport.Waba, "+49 30 12345678", "+493012345678")]
    public void International_phone_numbers_are_normalised_to_E164(Transport transport, string input, string expected)
    {
        var check = ChannelIdentifier.Check(transport, input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(expected, check.Normalized);
        Assert.Null(check.Error);
    }

    [Theory]
    [InlineData(Transport.WhatsApp, "34612345678")]
    [InlineData(Transport.WhatsApp, "612 345 678")]
    [InlineData(Transport.Waba, "0034 612 345 678")]
    public void Phone_numbers_without_a_plus_and_country_code_are_refused(Transport transport, string input)
    {
        var check = ChannelIdentifier.Check(transport, input);

        Assert.False(check.IsValid);
        Assert.Equal("", check.Normalized);
        Assert.StartsWith("Enter the number in international format", check.Error);
    }

    [Theory]
    [InlineData(Transport.WhatsApp, "+34 123")]
    [InlineData(Transport.WhatsApp, "+34 612 345 678 999 000")]
    [InlineData(Transport.Waba, "+1 000 000 0000")]
    public void Phone_numbers_that_are_not_valid_for_their_country_are_refused(Transport transport, string input)
    {
        var check = ChannelIdentifier.Check(transport, input);

        Assert.False(check.IsValid);
        Assert.NotNull(check.Error);
    }

    [Theory]
    [InlineData("+")]
    [InlineData("+abc")]
    [InlineData("+999 612 345 678")]
    public void Text_that_is_not_a_phone_number_is_refused(string input)
    {
        var check = ChannelIdentifier.Check(Transport.WhatsApp, input);

        Assert.False(check.IsValid);
        Assert.NotNull(check.Error);
    }

    [Theory]
    [InlineData(Transport.WhatsApp, null, "Enter the phone number.")]
    [InlineData(Transport.Waba, "   ", "Enter the phone number.")]
    [InlineData(Transport.Telegram, "", "Enter the username.")]
    [InlineData(Transport.TelegramBot, null, "Enter the username.")]
    [InlineData(Transport.Instagram, " ", "Enter the username.")]
    public void An_empty_identifier_asks_for_the_right_thing(Transport transport, string? input, string expectedError)
    {
        var check = ChannelIdentifier.Check(transport, input);

        Assert.False(check.IsValid);
        Assert.Equal(expectedError, check.Error);
    }

    [Theory]
    [InlineData("wazzup_sales", "wazzup_sales")]
    [InlineData("@wazzup_sales", "wazzup_sales")]
    [InlineData(" @Wazzup_Sales ", "Wazzup_Sales")]
    [InlineData("abcde", "abcde")]
    [InlineData("a2345678901234567890123456789012", "a2345678901234567890123456789012")]
    [InlineData("a_b_c_1", "a_b_c_1")]
    public void Telegram_usernames_are_accepted_without_the_leading_at(string input, string expected)
    {
        var check = ChannelIdentifier.Check(Transport.Telegram, input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(expected, check.Normalized);
    }

    [Theory]
    [InlineData("abcd")]
    [InlineData("@abcd")]
    [InlineData("a23456789012345678901234567890123")]
    public void Telegram_usernames_shorter_than_5_or_longer_than_32_characters_are_refused(string input)
    {
        var check = ChannelIdentifier.Check(Transport.Telegram, input);

        Assert.False(check.IsValid);
        Assert.Equal("A Telegram username has 5 to 32 characters.", check.Error);
    }

    [Theory]
    [InlineData(Transport.Telegram, "@@wazzup_sales")]
    [InlineData(Transport.TelegramBot, "@@wazzup_bot")]
    [InlineData(Transport.Instagram, "@@wazzup.store")]
    public void Only_one_leading_at_is_taken_off_a_username(Transport transport, string input)
    {
        Assert.False(ChannelIdentifier.Check(transport, input).IsValid);
    }

    [Theory]
    [InlineData("1abcde")]
    [InlineData("_abcde")]
    [InlineData("abcde_")]
    [InlineData("ab__cde")]
    [InlineData("abc-de")]
    [InlineData("abc.de")]
    [InlineData("abc de")]
    [InlineData("ivánov")]
    public void Telegram_usernames_must_start_with_a_letter_and_use_single_inner_underscores(string input)
    {
        var check = ChannelIdentifier.Check(Transport.Telegram, input);

        Assert.False(check.IsValid);
        Assert.StartsWith("A Telegram username starts with a letter", check.Error);
    }

    [Theory]
    [InlineData("wazzup_bot", "wazzup_bot")]
    [InlineData("@WazzupBot", "WazzupBot")]
    [InlineData("shopBOT", "shopBOT")]
    public void Telegram_bot_usernames_end_in_bot(string input, string expected)
    {
        var check = ChannelIdentifier.Check(Transport.TelegramBot, input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(expected, check.Normalized);
    }

    [Theory]
    [InlineData("wazzup_sales")]
    [InlineData("robots")]
    [InlineData("bot_shop")]
    public void Telegram_bot_usernames_that_do_not_end_in_bot_are_refused(string input)
    {
        var check = ChannelIdentifier.Check(Transport.TelegramBot, input);

        Assert.False(check.IsValid);
        Assert.Equal("A Telegram bot's username ends in \"bot\".", check.Error);
    }

    [Fact]
    public void Telegram_bot_usernames_follow_the_general_username_rules_too()
    {
        Assert.False(ChannelIdentifier.Check(Transport.TelegramBot, "bot").IsValid);
        Assert.False(ChannelIdentifier.Check(Transport.TelegramBot, "_shopbot").IsValid);
        Assert.False(ChannelIdentifier.Check(Transport.TelegramBot, "shop__bot").IsValid);
    }

    [Theory]
    [InlineData("wazzup.store", "wazzup.store")]
    [InlineData("@Wazzup.Store", "wazzup.store")]
    [InlineData("a", "a")]
    [InlineData("_under_score_", "_under_score_")]
    [InlineData("1.2.3", "1.2.3")]
    [InlineData("a23456789012345678901234567890", "a23456789012345678901234567890")]
    public void Instagram_usernames_are_accepted_in_lower_case_without_the_leading_at(string input, string expected)
    {
        var check = ChannelIdentifier.Check(Transport.Instagram, input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(expected, check.Normalized);
    }

    [Fact]
    public void Instagram_usernames_longer_than_30_characters_are_refused()
    {
        var check = ChannelIdentifier.Check(Transport.Instagram, new string('a', 31));

        Assert.False(check.IsValid);
        Assert.Equal("An Instagram username has at most 30 characters.", check.Error);
    }

    [Theory]
    [InlineData("wazzup-store")]
    [InlineData("wazzup store")]
    [InlineData("tienda.españa")]
    [InlineData("@")]
    public void Instagram_usernames_with_other_characters_are_refused(string input)
    {
        var check = ChannelIdentifier.Check(Transport.Instagram, input);

        Assert.False(check.IsValid);
        Assert.Equal("An Instagram username has only letters, digits, periods and underscores.", check.Error);
    }

    [Theory]
    [InlineData(".wazzup")]
    [InlineData("wazzup.")]
    [InlineData("wazzup..store")]
    [InlineData("@.wazzup")]
    public void Instagram_usernames_cannot_start_or_end_with_a_period_or_have_two_in_a_row(string input)
    {
        var check = ChannelIdentifier.Check(Transport.Instagram, input);

        Assert.False(check.IsValid);
        Assert.Equal("An Instagram username cannot start or end with a period or have two in a row.", check.Error);
    }

    [Fact]
    public void Every_transport_is_checked()
    {
        foreach (var transport in Enum.GetValues<Transport>())
        {
            var check = ChannelIdentifier.Check(transport, "");
            Assert.False(check.IsValid);
        }
    }
}
