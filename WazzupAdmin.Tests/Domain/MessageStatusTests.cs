using WazzupAdmin.Domain.Messages;

namespace WazzupAdmin.Tests.Domain;

public sealed class MessageStatusTests
{
    [Fact]
    public void A_sent_message_marked_read_was_delivered_first()
    {
        Assert.Equal([MessageStatus.Delivered, MessageStatus.Read], MessageStatuses.StepsTo(MessageStatus.Sent, MessageStatus.Read));
    }

    [Theory]
    [InlineData(MessageStatus.Read, MessageStatus.Delivered)]
    [InlineData(MessageStatus.Delivered, MessageStatus.Sent)]
    [InlineData(MessageStatus.Read, MessageStatus.Error)]
    [InlineData(MessageStatus.Error, MessageStatus.Read)]
    [InlineData(MessageStatus.Inbound, MessageStatus.Read)]
    public void Statuses_never_go_backwards_and_read_and_error_are_final(MessageStatus current, MessageStatus target)
    {
        Assert.Empty(MessageStatuses.StepsTo(current, target));
    }

    [Fact]
    public void A_message_not_yet_read_can_fail()
    {
        Assert.Equal([MessageStatus.Error], MessageStatuses.StepsTo(MessageStatus.Delivered, MessageStatus.Error));
    }

    [Fact]
    public void The_simulated_messenger_delivers_then_reads_then_says_nothing_more()
    {
        Assert.Equal(MessageStatus.Delivered, MessageStatuses.NextSimulated(MessageStatus.Sent));
        Assert.Equal(MessageStatus.Read, MessageStatuses.NextSimulated(MessageStatus.Delivered));
        Assert.Null(MessageStatuses.NextSimulated(MessageStatus.Read));
        Assert.Null(MessageStatuses.NextSimulated(MessageStatus.Error));
    }

    [Fact]
    public void A_template_fills_its_variables_in_order_and_leaves_missing_ones()
    {
        Assert.Equal("Hello Ana, your order 42 is ready. {{3}}", WabaTemplateText.Fill("Hello {{1}}, your order {{2}} is ready. {{3}}", ["Ana", "42"]));
        Assert.Equal(3, WabaTemplateText.VariableCount("{{1}} {{3}} {{2}}"));
    }
}
