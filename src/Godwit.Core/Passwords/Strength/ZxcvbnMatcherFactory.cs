using Zxcvbn;
using Zxcvbn.Matcher;
using ZxcvbnMatch = Zxcvbn.Match;

namespace Godwit.Core.Passwords.Strength;

/// <summary>
/// The matchers of zxcvbn-core's default factory, in the same order and over the same word lists,
/// with the dictionary and l33t matchers swapped for equivalent fast ones, all behind one matcher
/// that returns a list: the package's scorer re-enumerates the union of every matcher's results
/// once per character of the password, which re-runs lazy matchers each time.
/// </summary>
internal sealed class ZxcvbnMatcherFactory : IMatcherFactory
{
    private static readonly string[] WordLists = ["passwords", "english", "male_names", "female_names", "surnames", "us_tv_and_film"];

    private readonly IMatcher[] matchers;

    public ZxcvbnMatcherFactory()
    {
        var dictionaries = WordLists.Select(name => new ZxcvbnDictionaryMatcher(name, ReadWordList(name))).ToArray();
        matchers =
        [
            new RepeatMatcher(),
            new SequenceMatcher(),
            new RegexMatcher(@"\d{3,}", 10, perCharCardinality: true, "digits"),
            new RegexMatcher(@"19\d\d|200\d|201\d", 119, perCharCardinality: false, "year"),
            new DateMatcher(),
            new SpatialMatcher(),
            .. dictionaries,
            new ZxcvbnL33tMatcher(dictionaries),
        ];
    }

    public IEnumerable<IMatcher> CreateMatchers(IEnumerable<string> userInputs)
    {
        var userDictionary = new ZxcvbnDictionaryMatcher("user_inputs", userInputs.Select(input => input.ToLowerInvariant()));
        return [new AllMatchers([.. matchers, userDictionary, new ZxcvbnL33tMatcher([userDictionary])])];
    }

    private static List<string> ReadWordList(string name)
    {
        var resource = $"zxcvbn-core.Dictionaries.{name}.lst";
        using var stream = typeof(Zxcvbn.Zxcvbn).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"zxcvbn-core no longer embeds {resource}.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } word)
        {
            words.Add(word);
        }

        return words;
    }

    private sealed class AllMatchers(IMatcher[] matchers) : IMatcher
    {
        public IEnumerable<ZxcvbnMatch> MatchPassword(string password)
        {
            var matches = new List<ZxcvbnMatch>();
            foreach (var matcher in matchers)
            {
                matches.AddRange(matcher.MatchPassword(password));
            }

            return matches;
        }
    }
}
