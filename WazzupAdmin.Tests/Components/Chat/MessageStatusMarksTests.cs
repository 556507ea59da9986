using Bunit;
using WazzupAdmin.Components.Pages.Chat;
using WazzupAdmin.Domain.Messages;

namespace WazzupAdmin.Tests.Components.Chat;

/// <summary>The ticks of an outgoing message, and what a screen reader says for them.</summary>
public sealed class MessageStatusMarksTests : ChatComponentContext
{
    [Theory]
    [InlineData(MessageStatus.Sent, "Sent", "✓")]
    [InlineData(MessageStatus.Delivered, "Delivered", "✓✓")]
    [InlineData(MessageStatus.Read, "Read", "✓✓")]
    [InlineData(MessageStatus.Error, "Not delivered: BAD_CONTACT", "!")]
    public void Each_status_has_its_marks_and_its_name(MessageStatus status, string name, string marks)
    {
        var rendered = Render<MessageStatusMarks>(p => p.Add(x => x.Status, status).Add(x => x.ErrorCode, "BAD_CONTACT"));

        var image = rendered.Find("[role='img']");
        Assert.Equal(name, image.GetAttribute("aria-label"));
        Assert.Equal(marks, image.QuerySelector("[aria-hidden='true']")!.TextContent.Trim());
        Assert.Equal(status.ApiName(), image.GetAttribute("data-status"));
    }

    [Fact]
    public void An_edited_message_says_so()
    {
        var rendered = Render<MessageStatusMarks>(p => p.Add(x => x.Status, MessageStatus.Read).Add(x => x.Edited, true));

        Assert.Contains("edited", rendered.Markup, StringComparison.Ordinal);
    }
}
