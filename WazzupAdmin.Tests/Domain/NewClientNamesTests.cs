using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Tests.Domain;

public sealed class NewClientNamesTests
{
    [Theory]
    [InlineData("  Nina Berg ", "79011112233", "Nina Berg")]
    [InlineData("", "79011112233", "79011112233")]
    [InlineData(null, "nina_berg", "nina_berg")]
    public void A_contact_is_named_as_the_client_calls_themselves_or_by_the_chat_they_write_from(string? clientName, string chatId, string expected) =>
        Assert.Equal(expected, NewClientNames.Contact(clientName, chatId));

    [Fact]
    public void A_deal_is_named_by_the_contact_and_the_channel_within_the_apis_limit()
    {
        Assert.Equal("Nina Berg: Sales WhatsApp", NewClientNames.Deal("Nina Berg", "Sales WhatsApp"));
        Assert.Equal(FieldLimits.DealName, NewClientNames.Deal(new string('n', 190), "Sales WhatsApp").Length);
    }
}
