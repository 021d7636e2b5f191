namespace Godwit.Core.Otps;

/// <summary>One-time passcode settings, bound from <c>Godwit:Otps</c>.</summary>
public sealed class OtpOptions
{
    public const string SectionName = "Godwit:Otps";

    /// <summary>
    /// Guesses allowed per code before it dies. Six digits leave a guesser 5 in a million per code,
    /// and sends are limited separately.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Passcodes one address may be sent per rolling minute.</summary>
    public int MaxSendsPerMinute { get; set; } = 60;

    /// <summary>The first configuration mistake, or null when the options are usable.</summary>
    public string? Problem() =>
        MaxAttempts < 1 ? $"{SectionName}:MaxAttempts must be at least 1."
        : MaxSendsPerMinute < 1 ? $"{SectionName}:MaxSendsPerMinute must be at least 1."
        : null;
}
