using Zxcvbn.Matcher;
using ZxcvbnMatch = Zxcvbn.Match;

namespace Godwit.Core.Passwords.Strength;

/// <summary>
/// zxcvbn's advice for a weak password. zxcvbn-core predates zxcvbn's feedback, so this is zxcvbn
/// 4.4.2's feedback.coffee applied to zxcvbn-core's matches: the longest match in the sequence picks
/// the warning. Sentences end with a full stop, as in Stytch's responses.
/// </summary>
internal static class ZxcvbnFeedback
{
    private const string AddWords = "Add another word or two. Uncommon words are better.";

    /// <summary>zxcvbn's guesses_log10 of 4, in zxcvbn-core's bits of entropy.</summary>
    private static readonly double TenThousandGuesses = Math.Log(10_000, 2.0);

    public static PasswordFeedback For(string password, IList<ZxcvbnMatch> sequence)
    {
        if (password.Length == 0 || sequence.Count == 0)
        {
            return new PasswordFeedback(
                "",
                ["Use a few words, avoid common phrases.", "No need for symbols, digits, or uppercase letters."],
                null);
        }

        var longest = sequence[0];
        foreach (var match in sequence.Skip(1))
        {
            if (match.Token.Length > longest.Token.Length)
            {
                longest = match;
            }
        }

        var (warning, suggestions) = ForMatch(longest, isSoleMatch: sequence.Count == 1);
        return new PasswordFeedback(warning, [AddWords, .. suggestions], null);
    }

    private static (string Warning, string[] Suggestions) ForMatch(ZxcvbnMatch match, bool isSoleMatch) => match switch
    {
        DictionaryMatch dictionary => ForDictionary(dictionary, isSoleMatch),
        SpatialMatch { Turns: 1 } => ("Straight rows of keys are easy to guess.", ["Use a longer keyboard pattern with more turns."]),
        SpatialMatch => ("Short keyboard patterns are easy to guess.", ["Use a longer keyboard pattern with more turns."]),
        RepeatMatch => ("Repeats like \"aaa\" are easy to guess.", ["Avoid repeated words and characters."]),
        SequenceMatch => ("Sequences like abc or 6543 are easy to guess.", ["Avoid sequences."]),
        { Pattern: "year" } => ("Recent years are easy to guess.", ["Avoid recent years.", "Avoid years that are associated with you."]),
        { Pattern: "date" } => ("Dates are often easy to guess.", ["Avoid dates and years that are associated with you."]),
        _ => ("", []),
    };

    private static (string Warning, string[] Suggestions) ForDictionary(DictionaryMatch match, bool isSoleMatch)
    {
        var l33t = match is L33tDictionaryMatch;
        var warning = match.DictionaryName switch
        {
            "passwords" when isSoleMatch && !l33t => match.Rank switch
            {
                <= 10 => "This is a top-10 common password.",
                <= 100 => "This is a top-100 common password.",
                _ => "This is a very common password.",
            },
            "passwords" when match.Entropy <= TenThousandGuesses => "This is similar to a commonly used password.",
            "english" when isSoleMatch => "A word by itself is easy to guess.",
            "surnames" or "male_names" or "female_names" => isSoleMatch
                ? "Names and surnames by themselves are easy to guess."
                : "Common names and surnames are easy to guess.",
            _ => "",
        };

        var suggestions = new List<string>();
        var token = match.Token;
        var uppers = token.Count(char.IsAsciiLetterUpper);
        if (uppers == 1 && char.IsAsciiLetterUpper(token[0]) && token.Length > 1)
        {
            suggestions.Add("Capitalization doesn't help very much.");
        }
        else if (uppers > 0 && !token.Any(char.IsAsciiLetterLower))
        {
            suggestions.Add("All-uppercase is almost as easy to guess as all-lowercase.");
        }

        if (l33t)
        {
            suggestions.Add("Predictable substitutions like '@' instead of 'a' don't help very much.");
        }

        return (warning, [.. suggestions]);
    }
}
