namespace WazzupAdmin.Services.Messages;

/// <summary>
/// How the simulated messenger moves outgoing messages on (configuration section <c>MessageStatuses</c>). There is no
/// real messenger behind the console, so a sent message is reported delivered and then read on this schedule.
/// </summary>
public sealed class MessageStatusOptions
{
    public const string Section = "MessageStatuses";

    /// <summary>From sent to delivered.</summary>
    public TimeSpan DeliveredAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>From delivered to read.</summary>
    public TimeSpan ReadAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the simulator looks for messages whose next status is due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Off, messages stay where they are until the simulator page or endpoint moves them.</summary>
    public bool Automatic { get; set; } = true;

    public DateTime? NextAt(Domain.Messages.MessageStatus status, DateTime now) => !Automatic
        ? null
        : status switch
        {
            Domain.Messages.MessageStatus.Sent => now + DeliveredAfter,
            Domain.Messages.MessageStatus.Delivered => now + ReadAfter,
            _ => null,
        };
}
