namespace WazzupAdmin.Resources;

/// <summary>
/// Marker for the UI's resources. Keys are the English text, so English needs no entries;
/// Strings.es.resx holds the Spanish, and a test checks that every key the UI uses has one.
/// </summary>
public sealed class Strings;
