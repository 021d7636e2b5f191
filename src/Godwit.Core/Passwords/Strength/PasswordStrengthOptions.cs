namespace Godwit.Core.Passwords.Strength;

/// <summary>Which rule decides whether a password is strong enough, as Stytch's <c>strength_policy</c>.</summary>
public enum PasswordStrengthPolicy
{
    /// <summary>Stytch's default: the zxcvbn score must reach <see cref="PasswordStrengthOptions.MinZxcvbnScore"/>.</summary>
    Zxcvbn,

    /// <summary>Lower case, upper case, digits, symbols: a minimum length and a number of character classes.</summary>
    Luds,
}

/// <summary>Password strength settings, bound from <c>Godwit:Passwords:Strength</c>.</summary>
public sealed class PasswordStrengthOptions
{
    public const string SectionName = "Godwit:Passwords:Strength";

    public PasswordStrengthPolicy Policy { get; set; } = PasswordStrengthPolicy.Zxcvbn;

    /// <summary>Characters (Unicode code points) a LUDS password needs. Stytch's default is 8.</summary>
    public int LudsMinLength { get; set; } = 8;

    /// <summary>Character classes (of lower, upper, digit, symbol) a LUDS password needs. Stytch's default is 3.</summary>
    public int LudsMinComplexity { get; set; } = 3;

    /// <summary>The zxcvbn score (0 to 4) a password needs under the zxcvbn policy. Stytch requires 3.</summary>
    public int MinZxcvbnScore { get; set; } = 3;

    /// <summary>
    /// Refuse passwords found in the bundled list of common breached passwords (Stytch asks
    /// HaveIBeenPwned; Godwit works offline). Reported as <c>breach_detection_on_create</c>.
    /// </summary>
    public bool CheckBreached { get; set; } = true;

    /// <summary>The first configuration mistake, or null when the options are usable.</summary>
    public string? Problem() =>
        !Enum.IsDefined(Policy) ? $"{SectionName}:Policy must be Zxcvbn or Luds."
        : LudsMinLength is < 1 or > PasswordStrengthChecker.MaxLength ? $"{SectionName}:LudsMinLength must be between 1 and {PasswordStrengthChecker.MaxLength}."
        : LudsMinComplexity is < 1 or > 4 ? $"{SectionName}:LudsMinComplexity must be between 1 and 4."
        : MinZxcvbnScore is < 1 or > 4 ? $"{SectionName}:MinZxcvbnScore must be between 1 and 4."
        : null;
}
