using System.Net.Mail;

namespace Godwit.Core.Users;

/// <summary>Email syntax checks and the normalised form used for uniqueness and lookup.</summary>
public static class EmailAddress
{
    private const int MaxLength = 254;

    /// <summary>
    /// Lower-cases and trims an address if it is syntactically valid. No DNS or MX lookup: Godwit
    /// must accept addresses of domains that exist only in a test environment.
    /// </summary>
    public static bool TryNormalize(string? value, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > MaxLength || trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1 || trimmed.IndexOf('@') != at)
        {
            return false;
        }

        var domain = trimmed[(at + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !string.IsNullOrEmpty(parsed.DisplayName))
        {
            return false;
        }

        // Lower-casing in code, not by database collation: SQLite and PostgreSQL fold case differently.
        normalized = trimmed.ToLowerInvariant();
        return true;
    }
}
