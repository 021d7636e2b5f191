using System.Collections.Frozen;
using System.IO.Compression;

namespace Godwit.Core.Passwords.Strength;

/// <summary>
/// The 100,000 most common passwords of the SecLists "10 million password list" (see
/// common-passwords-100k.SOURCE.md), standing in for Stytch's HaveIBeenPwned lookup because Godwit
/// works offline. Loaded on first use, once per process, into a read-only set.
/// </summary>
internal static class BreachedPasswords
{
    private const string ResourceName = "Godwit.Core.Passwords.Strength.common-passwords-100k.txt.gz";

    private static readonly Lazy<FrozenSet<string>> Lowered = new(Load);

    /// <summary>
    /// Compares lower-cased: HaveIBeenPwned matches exactly but holds hundreds of millions of
    /// passwords, case variants of common ones among them; a 100,000-entry list only approaches that
    /// if "PassWord" counts as "password".
    /// </summary>
    public static bool Contains(string password) => Lowered.Value.Contains(password.ToLowerInvariant());

    public static int Count => Lowered.Value.Count;

    private static FrozenSet<string> Load()
    {
        using var resource = typeof(BreachedPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var unzipped = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(unzipped);

        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line.ToLowerInvariant());
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
