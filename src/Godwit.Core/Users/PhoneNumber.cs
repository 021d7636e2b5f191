namespace Godwit.Core.Users;

/// <summary>E.164 syntax checks and the normalised form used for uniqueness and lookup.</summary>
public static class PhoneNumber
{
    /// <summary>
    /// Accepts "+" followed by 8 to 15 digits (the first not zero), allowing the spaces, dots,
    /// dashes and parentheses people type, and returns the bare E.164 form. Only syntax is checked,
    /// not carrier assignment, so test ranges such as +1 555 work.
    /// </summary>
    public static bool TryNormalize(string? value, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > 32 || trimmed[0] != '+')
        {
            return false;
        }

        Span<char> digits = stackalloc char[32];
        var count = 0;
        foreach (var c in trimmed.AsSpan(1))
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        if (count is < 8 or > 15 || digits[0] == '0')
        {
            return false;
        }

        normalized = "+" + new string(digits[..count]);
        return true;
    }
}
