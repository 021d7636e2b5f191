using System.Diagnostics.CodeAnalysis;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Strength;

/// <summary>
/// Stytch's password strength policy: zxcvbn (valid from a score of 3) or LUDS (length and character
/// classes), plus breach detection. Backs <c>POST /v1/passwords/strength_check</c> and the password
/// create and reset flows.
/// </summary>
public sealed class PasswordStrengthChecker(PasswordStrengthOptions options)
{
    /// <summary>
    /// The longest password accepted, in Unicode code points. Stytch documents no limit that could be
    /// found; this one keeps checking and hashing cheap and is far above any typed or generated
    /// password.
    /// </summary>
    public const int MaxLength = 256;

    /// <summary>The error a new password is refused with, or null when it passes the policy.</summary>
    public ApiError? Refusal(string password, string? email)
    {
        if (!TryCheck(password, email, out var result))
        {
            return ErrorCatalog.InvalidPassword;
        }

        return result.Valid ? null
            : result.Breached ? ErrorCatalog.BreachedPassword
            : ErrorCatalog.WeakPassword;
    }

    /// <summary>
    /// Judges <paramref name="password"/>. Returns false, judging nothing, when it is longer than
    /// <see cref="MaxLength"/>; the caller answers that with its own error.
    /// </summary>
    /// <param name="email">
    /// The user's address, if known. Its local part and the whole address count against the password
    /// as zxcvbn user inputs. As at Stytch, the breach check only applies when an email is given: a
    /// strength check without one can pass a breached password that creating it would refuse.
    /// </param>
    public bool TryCheck(string password, string? email, [NotNullWhen(true)] out PasswordStrength? strength)
    {
        ArgumentNullException.ThrowIfNull(password);
        strength = null;
        if (LudsRules.Length(password) > MaxLength)
        {
            return false;
        }

        var zxcvbn = ZxcvbnEstimator.Estimate(password, EmailUserInputs.From(email));
        var breached = options.CheckBreached && !string.IsNullOrWhiteSpace(email) && BreachedPasswords.Contains(password);

        if (options.Policy == PasswordStrengthPolicy.Luds)
        {
            var luds = LudsRules.Evaluate(password, options.LudsMinLength, options.LudsMinComplexity);
            strength = new PasswordStrength(
                luds.Met && !breached,
                zxcvbn.Score,
                breached,
                PasswordStrengthPolicy.Luds,
                options.CheckBreached,
                new PasswordFeedback("", [], luds));
            return true;
        }

        var strongEnough = zxcvbn.Score >= options.MinZxcvbnScore;
        strength = new PasswordStrength(
            strongEnough && !breached,
            zxcvbn.Score,
            breached,
            PasswordStrengthPolicy.Zxcvbn,
            options.CheckBreached,
            strongEnough ? PasswordFeedback.None : zxcvbn.Feedback());
        return true;
    }
}
