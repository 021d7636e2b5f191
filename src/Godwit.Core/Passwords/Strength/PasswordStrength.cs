namespace Godwit.Core.Passwords.Strength;

/// <summary>
/// The verdict on one password, field for field what Stytch's <c>POST /v1/passwords/strength_check</c>
/// answers.
/// </summary>
/// <param name="Valid">Passes the policy and, when an email was given, is not breached.</param>
/// <param name="Score">The zxcvbn score, 0 to 4, whatever the policy.</param>
/// <param name="Breached">Found in the bundled breached-password list (only looked up when an email was given).</param>
/// <param name="Policy">The policy that decided <paramref name="Valid"/>.</param>
/// <param name="BreachDetectionOnCreate">Whether breach detection is on; when off, <paramref name="Breached"/> is always false.</param>
/// <param name="Feedback">What to tell the user.</param>
public sealed record PasswordStrength(
    bool Valid,
    int Score,
    bool Breached,
    PasswordStrengthPolicy Policy,
    bool BreachDetectionOnCreate,
    PasswordFeedback Feedback)
{
    /// <summary>The policy as Stytch spells it in <c>strength_policy</c>.</summary>
    public string PolicyName => Policy == PasswordStrengthPolicy.Luds ? "luds" : "zxcvbn";
}

/// <summary>
/// Advice for the user. Under zxcvbn, a warning and suggestions for a password below the required
/// score (both empty otherwise) and no LUDS requirements; under LUDS, the requirements and an empty
/// warning and suggestion list.
/// </summary>
public sealed record PasswordFeedback(string Warning, IReadOnlyList<string> Suggestions, LudsRequirements? LudsRequirements)
{
    public static readonly PasswordFeedback None = new("", [], null);
}

/// <summary>Which LUDS requirements a password meets, and how far it is from the rest.</summary>
/// <param name="MissingComplexity">Character classes still needed (never negative).</param>
/// <param name="MissingCharacters">Characters still needed to reach the minimum length (never negative).</param>
public sealed record LudsRequirements(
    bool HasLowerCase,
    bool HasUpperCase,
    bool HasDigit,
    bool HasSymbol,
    int MissingComplexity,
    int MissingCharacters)
{
    public bool Met => MissingComplexity == 0 && MissingCharacters == 0;
}
