namespace Godwit.Core.Totps;

/// <summary>TOTP settings, bound from <c>Godwit:Totps</c>.</summary>
public sealed class TotpOptions
{
    public const string SectionName = "Godwit:Totps";

    /// <summary>The issuer authenticator apps show beside the account (the otpauth URI's issuer).</summary>
    public string Issuer { get; set; } = "Godwit";

    /// <summary>
    /// Code and recovery-code attempts per TOTP per window before further ones are refused, even
    /// the right one. Attempts are counted before the comparison and forgotten after a success.
    /// Each six-digit guess succeeds with odds of 3 in a million (three steps are accepted), so the
    /// defaults hold a guesser to 480 tries a day.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long an attempt window lasts, counted from its first attempt.</summary>
    public TimeSpan AttemptWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>What is wrong with these settings, checked at startup; null when they are usable.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Issuer) || Issuer.Length > 64 || Issuer.Contains(':', StringComparison.Ordinal)
            ? $"{SectionName}:Issuer must be 1 to 64 characters without a colon (authenticator apps split the label at the colon)."
        : MaxAttempts is < 1 or > 100 ? $"{SectionName}:MaxAttempts must be between 1 and 100."
        : AttemptWindow < TimeSpan.FromMinutes(1) || AttemptWindow > TimeSpan.FromDays(1) ? $"{SectionName}:AttemptWindow must be between 1 minute and 1 day."
        : null;
}
