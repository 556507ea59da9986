using Microsoft.Extensions.Options;

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

/// <summary>
/// Refuses to start with a schedule the simulator cannot keep: a negative step, or a poll that never comes round (or
/// spins). The bounds are generous; the schedule is only meant to look like a messenger's.
/// </summary>
public sealed class MessageStatusOptionsValidation : IValidateOptions<MessageStatusOptions>
{
    private static readonly TimeSpan LongestStep = TimeSpan.FromDays(1);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, MessageStatusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (setting, step) in new[] { (nameof(options.DeliveredAfter), options.DeliveredAfter), (nameof(options.ReadAfter), options.ReadAfter) })
        {
            if (step < TimeSpan.Zero || step > LongestStep)
            {
                failures.Add($"{MessageStatusOptions.Section}:{setting} must be between 00:00:00 and {LongestStep:c}; it is {step:c}");
            }
        }

        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > LongestPoll)
        {
            failures.Add($"{MessageStatusOptions.Section}:{nameof(options.PollInterval)} must be more than 00:00:00 and at most {LongestPoll:c}; it is {options.PollInterval:c}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
