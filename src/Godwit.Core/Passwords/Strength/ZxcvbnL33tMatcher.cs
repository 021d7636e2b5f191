using Zxcvbn.Matcher;
using ZxcvbnMatch = Zxcvbn.Match;

namespace Godwit.Core.Passwords.Strength;

/// <summary>
/// zxcvbn-core's l33t matcher ("p@ssw0rd" is "password"), rebuilt over
/// <see cref="ZxcvbnDictionaryMatcher"/> because the package's only accepts its own slow dictionary
/// matcher. Same substitution table, same enumeration of ambiguous substitutions, same entropy.
/// </summary>
internal sealed class ZxcvbnL33tMatcher(IReadOnlyList<ZxcvbnDictionaryMatcher> dictionaries) : IMatcher
{
    // Insertion order matters: it decides the order of the enumerated substitution maps.
    private static readonly (char Letter, string Substitutes)[] Table =
    [
        ('a', "4@"), ('b', "8"), ('c', "({[<"), ('e', "3"), ('g', "69"), ('i', "1!|"),
        ('l', "1|7"), ('o', "0"), ('s', "$5"), ('t', "+7"), ('x', "%"), ('z', "2"),
    ];

    public IEnumerable<ZxcvbnMatch> MatchPassword(string password)
    {
        var matches = new List<ZxcvbnMatch>();
        foreach (var substitutions in EnumerateSubstitutions(RelevantSubstitutions(password)))
        {
            // The package also tries the empty map, which can only find matches it then discards.
            if (substitutions.Count == 0)
            {
                continue;
            }

            var translated = string.Create(password.Length, (password, substitutions), static (span, state) =>
            {
                for (var k = 0; k < span.Length; k++)
                {
                    var c = state.password[k];
                    span[k] = state.substitutions.TryGetValue(c, out var letter) ? letter : c;
                }
            });

            foreach (var dictionary in dictionaries)
            {
                foreach (var match in dictionary.MatchPassword(translated).Cast<DictionaryMatch>())
                {
                    var token = password.Substring(match.i, match.j - match.i + 1);
                    var used = substitutions.Where(kv => token.Contains(kv.Key, StringComparison.Ordinal)).ToDictionary();
                    if (used.Count > 0)
                    {
                        matches.Add(WithL33tEntropy(new L33tDictionaryMatch(match) { Token = token, Subs = used }));
                    }
                }
            }
        }

        return matches;
    }

    private static List<(char Letter, string Substitutes)> RelevantSubstitutions(string password) =>
        Table
            .Where(entry => entry.Substitutes.Any(password.Contains))
            .Select(entry => (entry.Letter, new string(entry.Substitutes.Where(password.Contains).ToArray())))
            .ToList();

    /// <summary>
    /// Every way to read the substitute characters back as letters; a character that stands for two
    /// letters ("1" for i or l) forks the maps. Mirrors zxcvbn-core, including that it grows the first
    /// maps in place.
    /// </summary>
    private static List<Dictionary<char, char>> EnumerateSubstitutions(List<(char Letter, string Substitutes)> table)
    {
        var maps = new List<Dictionary<char, char>> { new() };
        foreach (var (letter, substitutes) in table)
        {
            foreach (var substitute in substitutes)
            {
                var forks = new List<Dictionary<char, char>>();
                foreach (var map in maps)
                {
                    if (map.ContainsKey(substitute))
                    {
                        forks.Add(new Dictionary<char, char>(map) { [substitute] = letter });
                    }
                    else
                    {
                        map[substitute] = letter;
                    }
                }

                maps.AddRange(forks);
            }
        }

        return maps;
    }

    private static L33tDictionaryMatch WithL33tEntropy(L33tDictionaryMatch match)
    {
        var ways = 0;
        foreach (var (substitute, letter) in match.Subs)
        {
            var subbed = match.Token.Count(c => c == substitute);
            var unsubbed = match.Token.Count(c => c == letter);
            for (var i = 0; i <= Math.Min(subbed, unsubbed); i++)
            {
                ways += (int)ZxcvbnEntropy.Binomial(subbed + unsubbed, i);
            }
        }

        var l33tEntropy = Math.Log(ways, 2.0);
        match.L33tEntropy = l33tEntropy < 1 ? 1 : l33tEntropy;
        match.Entropy += match.L33tEntropy;
        match.Entropy -= match.UppercaseEntropy;
        match.UppercaseEntropy = ZxcvbnEntropy.Uppercase(match.Token);
        match.Entropy += match.UppercaseEntropy;
        return match;
    }
}
