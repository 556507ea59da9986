using System.Globalization;
using System.Resources;
using System.Xml.Linq;
using WazzupAdmin.Resources;

namespace WazzupAdmin.Tests.Localization;

public sealed class SpanishTranslationTests
{
    private static readonly string ResxPath = Path.Combine(UiTextKeys.RepositoryRoot, "WazzupAdmin", "Resources", "Strings.es.resx");

    [Fact]
    public void Every_text_the_ui_shows_has_a_Spanish_translation()
    {
        var translated = XDocument.Load(ResxPath).Root!.Elements("data")
            .Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value))
            .Select(d => (string)d.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);

        var missing = UiTextKeys.InSource().Where(k => !translated.Contains(k)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, "Missing from Strings.es.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Translations_keep_the_placeholders_of_the_English_text()
    {
        var broken = XDocument.Load(ResxPath).Root!.Elements("data")
            .Select(d => (Key: (string)d.Attribute("name")!, Value: d.Element("value")?.Value ?? ""))
            .Where(e => Placeholders(e.Key) != Placeholders(e.Value))
            .Select(e => e.Key)
            .ToList();

        Assert.Empty(broken);
    }

    [Fact]
    public void No_two_keys_differ_only_in_case()
    {
        // The resource compiler keeps only the first of such keys, so the other would show in English.
        var clashes = XDocument.Load(ResxPath).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!)
            .GroupBy(k => k, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(" / ", g))
            .ToList();

        Assert.True(clashes.Count == 0, "Keys that differ only in case:\n" + string.Join("\n", clashes));
    }

    [Fact]
    public void The_Spanish_resources_are_built_into_the_app()
    {
        var resources = new ResourceManager("WazzupAdmin.Resources.Strings", typeof(Strings).Assembly);

        Assert.Equal("Iniciar sesión", resources.GetString("Sign in", new CultureInfo("es")));
    }

    private static string Placeholders(string text) =>
        string.Join(",", System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Order(StringComparer.Ordinal));
}
