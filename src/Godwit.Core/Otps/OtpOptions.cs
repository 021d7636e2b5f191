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

    /// <summary>
    /// Wrong passcodes one address may receive per <see cref="FailureWindow"/>, across every code
    /// sent to it: asking for a new code must not refill a guesser's budget. Past it, even the
    /// right code is refused until the window ends.
    /// </summary>
    public int MaxFailuresPerAddress { get; set; } = 10;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Passcodes one address may be sent per rolling minute.</summary>
    public int MaxSendsPerMinute { get; set; } = 60;

    /// <summary>The first configuration mistake, or null when the options are usable.</summary>
    public string? Problem() =>
        MaxAttempts < 1 ? $"{SectionName}:MaxAttempts must be at least 1."
        : MaxFailuresPerAddress < 1 ? $"{SectionName}:MaxFailuresPerAddress must be at least 1."
        : FailureWindow < TimeSpan.FromMinutes(1) || FailureWindow > TimeSpan.FromDays(1) ? $"{SectionName}:FailureWindow must be between 1 minute and 1 day."
        : MaxSendsPerMinute < 1 ? $"{SectionName}:MaxSendsPerMinute must be at least 1."
        : null;
}
