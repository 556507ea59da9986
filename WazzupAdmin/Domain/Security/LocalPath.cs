namespace WazzupAdmin.Domain.Security;

/// <summary>
/// Which return addresses may be followed after sign-in or a change of language: a path of this site and nothing else.
/// <para>
/// Browsers strip or ignore whitespace and control characters in a Location header, and read a backslash as a slash,
/// so "/ https://evil", "/\thttps://evil" and "/\evil" all leave the site; "//evil" and "///evil" are addresses of
/// another host. The rule is therefore strict: one leading slash, then no slash or backslash, and no whitespace or
/// control character anywhere (a legitimate path carries them percent-encoded).
/// </para>
/// </summary>
public static class LocalPath
{
    public static bool IsLocal([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? path) =>
        !string.IsNullOrEmpty(path)
        && path[0] == '/'
        && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\' || char.IsSurrogate(c) || c > '\u007e');

    /// <summary>The path itself when it is local, otherwise the home page.</summary>
    public static string OrHome(string? path) => IsLocal(path) ? path : "/";
}
