using WazzupAdmin.Domain.Crm;

namespace WazzupAdmin.Tests.Domain;

public sealed class FieldRulesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_required_field_must_not_be_blank(string? value)
    {
        Assert.Equal("This field is required.", FieldRules.Required(value, FieldLimits.ChannelName));
    }

    [Theory]
    [InlineData("Sales WhatsApp", 100)]
    [InlineData("abc", 3)]
    [InlineData("  abc  ", 3)]
    public void A_required_field_within_its_limit_passes(string value, int maxLength)
    {
        Assert.Null(FieldRules.Required(value, maxLength));
    }

    [Fact]
    public void A_required_field_past_its_limit_names_the_limit()
    {
        Assert.Equal("At most {0} characters.", FieldRules.Required(new string('x', FieldLimits.ChannelName + 1), FieldLimits.ChannelName));
        Assert.Null(FieldRules.Required(new string('x', FieldLimits.ChannelName), FieldLimits.ChannelName));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("+34612000001")]
    [InlineData("  abc  ")]
    public void An_optional_field_may_be_blank_or_within_its_limit(string? value)
    {
        Assert.Null(FieldRules.Optional(value, 12));
    }

    [Fact]
    public void An_optional_field_past_its_limit_names_the_limit()
    {
        Assert.Equal("At most {0} characters.", FieldRules.Optional(new string('1', FieldLimits.UserPhone + 1), FieldLimits.UserPhone));
    }

    [Fact]
    public void The_limits_match_the_public_api()
    {
        Assert.Equal(200, FieldLimits.UserId);
        Assert.Equal(200, FieldLimits.UserName);
        Assert.Equal(100, FieldLimits.ContactId);
        Assert.Equal(200, FieldLimits.ContactName);
        Assert.Equal(200, FieldLimits.Uri);
        Assert.Equal(100, FieldLimits.DealId);
        Assert.Equal(200, FieldLimits.DealName);
        Assert.Equal(100, FieldLimits.PipelineId);
        Assert.Equal(100, FieldLimits.PipelineName);
    }
}
