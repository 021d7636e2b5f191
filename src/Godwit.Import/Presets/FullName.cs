namespace Godwit.Import.Presets;

/// <summary>
/// Splits a single full-name field (Firebase's displayName, a generic "name" column) into first and
/// last: the first word, then the rest as it is. "Jean Paul Sartre" gives "Jean" and "Paul Sartre";
/// no rule splits every culture's names right, and this one loses nothing.
/// </summary>
internal static class FullName
{
    public static (string? First, string? Last) Split(string? fullName)
    {
        var name = fullName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return (null, null);
        }

        var space = name.AsSpan().IndexOfAny(" \t");
        return space < 0 ? (name, null) : (name[..space], name[space..].Trim());
    }
}
