using Zxcvbn.Matcher;
using ZxcvbnMatch = Zxcvbn.Match;

namespace Godwit.Core.Passwords.Strength;

/// <summary>
/// zxcvbn-core's dictionary matcher, producing the same matches with the same entropy, but fast
/// enough for a request path: the package tries every substring of the password (quadratic, one
/// string allocation each; with its l33t matcher, hundreds of milliseconds for 256 characters), while
/// a substring longer than the longest word cannot match, so this one tries only those and looks
/// them up without allocating.
/// </summary>
internal sealed class ZxcvbnDictionaryMatcher : IMatcher
{
    private const string Pattern = "dictionary";

    private readonly Dictionary<string, int> ranks;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly int longestWord;

    /// <param name="words">Most common first: the first word has rank 1. Expected lower case.</param>
    public ZxcvbnDictionaryMatcher(string name, IEnumerable<string> words)
    {
        Name = name;
        ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        var rank = 1;
        foreach (var word in words)
        {
            // A later duplicate overwrites the rank, as in zxcvbn-core.
            ranks[word] = rank++;
            longestWord = Math.Max(longestWord, word.Length);
        }

        lookup = ranks.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Name { get; }

    public IEnumerable<ZxcvbnMatch> MatchPassword(string password)
    {
        // zxcvbn-core lower-cases with the current culture; Godwit runs with invariant globalization.
        var lowered = password.ToLowerInvariant();
        var matches = new List<ZxcvbnMatch>();
        for (var i = 0; i < password.Length; i++)
        {
            var end = Math.Min(password.Length, i + longestWord);
            for (var j = i; j < end; j++)
            {
                if (lookup.TryGetValue(lowered.AsSpan(i, j - i + 1), out var rank))
                {
                    matches.Add(Create(password.Substring(i, j - i + 1), lowered.Substring(i, j - i + 1), i, j, rank));
                }
            }
        }

        return matches;
    }

    private DictionaryMatch Create(string token, string word, int i, int j, int rank)
    {
        var baseEntropy = Math.Log(rank, 2.0);
        var uppercaseEntropy = ZxcvbnEntropy.Uppercase(token);
        return new DictionaryMatch
        {
            Pattern = Pattern,
            i = i,
            j = j,
            Token = token,
            MatchedWord = word,
            Rank = rank,
            DictionaryName = Name,
            Cardinality = ranks.Count,
            BaseEntropy = baseEntropy,
            UppercaseEntropy = uppercaseEntropy,
            Entropy = baseEntropy + uppercaseEntropy,
        };
    }
}
