using Microsoft.Extensions.Localization;
using WazzupAdmin.Domain.Distribution;

namespace WazzupAdmin.Components.Pages.Settings.Channels.Distribution;

/// <summary>An assignment's reason in the reader's language: its facts fill the UI's own sentence for that kind.</summary>
public static class ReasonText
{
    public static string Render(AssignmentReason reason, IStringLocalizer localizer)
    {
        // Free text from before reasons were facts is shown as it was written.
        if (reason.Kind == AssignmentReasonKind.Text)
        {
            return reason.Text ?? "";
        }

        var (template, arguments) = reason.Sentence;
        string sentence = localizer[template, arguments];
        if (reason.Skipped.Count == 0)
        {
            return sentence;
        }

        var skipped = string.Join(", ", reason.Skipped.Select(s => $"{s.Name} ({localizer[s.ReasonText]})"));
        return sentence + " " + localizer[AssignmentReason.SkippedText, skipped];
    }
}
