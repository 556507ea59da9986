using System.Globalization;
using System.Text;
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

    [Theory]
    [InlineData("😀")]
    [InlineData("👍🏽")]
    [InlineData("👩‍👩‍👧")]
    [InlineData("🇪🇸")]
    [InlineData("é")]
    public void Truncating_never_splits_what_a_reader_sees_as_one_character(string symbol)
    {
        // Every offset of the cut against the symbol: the text is shortened only between whole symbols.
        for (var lead = 0; lead < 12; lead++)
        {
            var text = new string('a', lead) + string.Concat(Enumerable.Repeat(symbol, 6));
            for (var max = 2; max < text.Length; max++)
            {
                var cut = FieldRules.Truncate(text, max);

                Assert.True(cut.Length <= max, $"{cut.Length} > {max}");
                Assert.EndsWith("…", cut, StringComparison.Ordinal);
                var kept = cut[..^1];
                Assert.StartsWith(kept, text, StringComparison.Ordinal);
                Assert.True(kept.Length == 0 || StringInfo.ParseCombiningCharacters(text).Contains(kept.Length), $"cut inside a symbol at {kept.Length}");
                Assert.True(kept.Length + StringInfo.GetNextTextElementLength(text, kept.Length) > max - 1, "cut earlier than needed");
                Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(cut)));
            }
        }
    }

    [Fact]
    public void A_text_within_the_limit_is_kept_whole()
    {
        Assert.Equal("Hello 😀", FieldRules.Truncate("Hello 😀", 8));
        Assert.Equal("Hell…", FieldRules.Truncate("Hello 😀", 5));
        Assert.Equal("Hello …", FieldRules.Truncate("Hello 😀😀", 8));
    }
}
