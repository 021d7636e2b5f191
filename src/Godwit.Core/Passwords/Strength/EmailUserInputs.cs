namespace Godwit.Core.Passwords.Strength;

/// <summary>
/// What of an email address a password must not lean on, as zxcvbn user inputs, most telling first
/// (zxcvbn ranks them in order): the local part, the local part without its separators, the whole
/// address, and the local part's words ("ann.lee" gives "ann.lee", "annlee", "ann", "lee").
/// </summary>
internal static class EmailUserInputs
{
    private const int ShortestWord = 3;

    private static readonly char[] Separators = ['.', '_', '-', '+'];

    public static IReadOnlyList<string> From(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return [];
        }

        var address = email.Trim().ToLowerInvariant();
        var at = address.LastIndexOf('@');
        var local = at > 0 ? address[..at] : address;
        var words = local.Split(Separators, StringSplitOptions.RemoveEmptyEntries);

        return new[] { local, string.Concat(words), address }
            .Concat(words.Where(word => word.Length >= ShortestWord))
            .Where(input => input.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }
}
