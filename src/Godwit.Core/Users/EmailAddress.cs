using System.Buffers;
using System.Net.Mail;

namespace Godwit.Core.Users;

/// <summary>Email syntax checks and the normalised form used for uniqueness and lookup.</summary>
public static class EmailAddress
{
    private const int MaxLength = 254;

    private static readonly SearchValues<char> PlainLocalPart = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-");

    private static readonly SearchValues<char> PlainDomain = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");

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

        if (!IsPlainDotAtom(trimmed.AsSpan(0, at), domain)
            && (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !string.IsNullOrEmpty(parsed.DisplayName)))
        {
            return false;
        }

        // Lower-casing in code, not by database collation: SQLite and PostgreSQL fold case differently.
        normalized = trimmed.ToLowerInvariant();
        return true;
    }

    /// <summary>
    /// True for the common address made of letters, digits and <c>._%+-</c> before a domain of
    /// letters, digits, dots and hyphens (the domain's dots already checked). MailAddress accepts
    /// every such address unchanged, and skipping its parser matters when an import checks
    /// millions of them.
    /// </summary>
    private static bool IsPlainDotAtom(ReadOnlySpan<char> local, ReadOnlySpan<char> domain) =>
        local.Length > 0
        && !local.ContainsAnyExcept(PlainLocalPart)
        && local[0] != '.'
        && local[^1] != '.'
        && !local.Contains("..", StringComparison.Ordinal)
        && !domain.ContainsAnyExcept(PlainDomain);
}
