namespace Godwit.Core.Biometrics;

/// <summary>Biometric key settings, bound from <c>Godwit:Biometrics</c>.</summary>
public sealed class BiometricOptions
{
    public const string SectionName = "Godwit:Biometrics";

    /// <summary>How long a device has to sign a challenge.</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The first configuration mistake, or null when the options are usable.</summary>
    public string? Problem() =>
        ChallengeLifetime < TimeSpan.FromSeconds(30) || ChallengeLifetime > TimeSpan.FromHours(1)
            ? $"{SectionName}:ChallengeLifetime must be between 00:00:30 and 01:00:00."
            : null;
}
