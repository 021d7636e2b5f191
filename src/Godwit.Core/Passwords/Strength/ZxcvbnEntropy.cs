namespace Godwit.Core.Passwords.Strength;

/// <summary>The parts of zxcvbn-core's scoring its dictionary matchers need, which the package keeps internal.</summary>
internal static class ZxcvbnEntropy
{
    /// <summary>Bits added by capitalisation: none, 1 for the usual patterns, else the ways to place the capitals.</summary>
    public static double Uppercase(string word)
    {
        var uppers = word.Count(char.IsAsciiLetterUpper);
        if (uppers == 0)
        {
            return 0;
        }

        var lowers = word.Count(char.IsAsciiLetterLower);
        var capitalised = char.IsAsciiLetterUpper(word[0]) && uppers == 1 && word.Length > 1;
        var lastCapital = char.IsAsciiLetterUpper(word[^1]) && uppers == 1 && word.Length > 1;
        if (capitalised || lastCapital || lowers == 0)
        {
            return 1;
        }

        long ways = 0;
        for (var i = 0; i <= Math.Min(uppers, lowers); i++)
        {
            ways += Binomial(uppers + lowers, i);
        }

        return Math.Log(ways, 2.0);
    }

    /// <summary>n choose k, computed the way zxcvbn-core does so that the entropies agree.</summary>
    public static long Binomial(int n, int k)
    {
        if (k > n)
        {
            return 0;
        }

        long result = 1;
        for (var i = 1; i <= k; i++)
        {
            result *= n;
            result /= i;
            n--;
        }

        return result;
    }
}
