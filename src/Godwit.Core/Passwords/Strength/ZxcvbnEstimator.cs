using ZxcvbnMatch = Zxcvbn.Match;

namespace Godwit.Core.Passwords.Strength;

/// <summary>One zxcvbn verdict: the score and the matches it was derived from.</summary>
internal sealed record ZxcvbnEstimate(string Password, int Score, IList<ZxcvbnMatch> Sequence)
{
    public PasswordFeedback Feedback() => ZxcvbnFeedback.For(Password, Sequence);
}

/// <summary>
/// The single door to zxcvbn-core (the package's types stay in this folder). One engine per process,
/// built on first use: it holds the package's word lists (94,000 words), and evaluating is
/// thread-safe because the matchers keep no per-call state.
/// </summary>
internal static class ZxcvbnEstimator
{
    /// <summary>
    /// zxcvbn's own advice for bounding its run time: score only the first 100 or so characters. The
    /// scorer's cost grows with length times the number of matches (40 ms for 256 characters crafted
    /// for l33t matching, against 0.1 to 0.5 ms for ordinary passwords). Only a password longer than
    /// this whose first 100 characters are weak can be judged differently, and such a password is one
    /// long run of repeats or dictionary words.
    /// </summary>
    public const int ScoredLength = 100;

    private static readonly Lazy<Zxcvbn.Zxcvbn> Engine = new(() => new Zxcvbn.Zxcvbn(new ZxcvbnMatcherFactory()));

    /// <param name="userInputs">Words the user is known by (email, names), which lower the score when used.</param>
    public static ZxcvbnEstimate Estimate(string password, IEnumerable<string> userInputs)
    {
        var scored = Prefix(password);
        var result = Engine.Value.EvaluatePassword(scored, userInputs);
        return new ZxcvbnEstimate(scored, result.Score, result.MatchSequence);
    }

    private static string Prefix(string password)
    {
        if (password.Length <= ScoredLength)
        {
            return password;
        }

        // Never split a surrogate pair.
        var length = char.IsHighSurrogate(password[ScoredLength - 1]) ? ScoredLength - 1 : ScoredLength;
        return password[..length];
    }
}
