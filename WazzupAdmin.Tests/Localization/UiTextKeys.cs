using System.Text.RegularExpressions;

namespace WazzupAdmin.Tests.Localization;

/// <summary>Finds, in the app's source, every English text that is shown through the localizer.</summary>
internal static partial class UiTextKeys
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static IReadOnlySet<string> InSource()
    {
        var app = Path.Combine(RepositoryRoot, "WazzupAdmin");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(app, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                              && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                              && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in LocalizerKey().Matches(text))
            {
                keys.Add(Unescape(m.Groups[1].Value));
            }

            foreach (Match m in FieldErrorMessage().Matches(text))
            {
                keys.Add(Unescape(m.Groups[1].Value));
            }

            // Audit entries are stored in the UI's words and translated when shown.
            if (file.EndsWith($"{Path.DirectorySeparatorChar}AuditText.cs", StringComparison.Ordinal))
            {
                foreach (Match m in ConstantText().Matches(text))
                {
                    keys.Add(Unescape(m.Groups[1].Value));
                }
            }

            // The domain's and the use cases' messages (sentences ending in a period) are shown through the localizer by
            // the pages that display them.
            if (file.Contains($"{Path.DirectorySeparatorChar}Domain{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}Services{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                foreach (Match m in SentenceLiteral().Matches(text))
                {
                    keys.Add(Unescape(m.Groups[1].Value));
                }
            }
        }

        return keys;
    }

    private static string Unescape(string literal) => Regex.Unescape(literal);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WazzupAdmin.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (with WazzupAdmin.sln) was not found.");
    }

    [GeneratedRegex("""const string \w+ = "((?:[^"\\]|\\.)*)";""")]
    private static partial Regex ConstantText();

    [GeneratedRegex("""\bL\[\s*"((?:[^"\\]|\\.)*)"\s*[\],]""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex("""new FieldError\(\s*[^,]+,\s*"((?:[^"\\]|\\.)*)"\s*[,)]""")]
    private static partial Regex FieldErrorMessage();

    [GeneratedRegex("""(?<![\w$])"([A-Z][^"\\]*(?:\\.[^"\\]*)*[.])"(?!\s*=>)""")]
    private static partial Regex SentenceLiteral();
}
