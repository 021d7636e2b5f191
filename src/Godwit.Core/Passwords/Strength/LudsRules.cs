using System.Text;

namespace Godwit.Core.Passwords.Strength;

/// <summary>
/// Stytch's LUDS policy. Only ASCII letters count as lower or upper case and only ASCII digits as
/// digits; every other character (punctuation, spaces, emoji, letters of other scripts) is a symbol,
/// as Stytch documents it ("any UTF8 character outside of a-z or A-Z may count as a valid symbol").
/// Length counts Unicode code points, so an emoji is one character, not two UTF-16 units.
/// </summary>
internal static class LudsRules
{
    public static LudsRequirements Evaluate(string password, int minLength, int minComplexity)
    {
        bool lower = false, upper = false, digit = false, symbol = false;
        var length = 0;
        foreach (var rune in password.EnumerateRunes())
        {
            length++;
            switch (rune.Value)
            {
                case >= 'a' and <= 'z':
                    lower = true;
                    break;
                case >= 'A' and <= 'Z':
                    upper = true;
                    break;
                case >= '0' and <= '9':
                    digit = true;
                    break;
                default:
                    symbol = true;
                    break;
            }
        }

        var classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
        return new LudsRequirements(
            lower,
            upper,
            digit,
            symbol,
            MissingComplexity: Math.Max(0, minComplexity - classes),
            MissingCharacters: Math.Max(0, minLength - length));
    }

    public static int Length(string password)
    {
        var length = 0;
        foreach (Rune _ in password.EnumerateRunes())
        {
            length++;
        }

        return length;
    }
}
