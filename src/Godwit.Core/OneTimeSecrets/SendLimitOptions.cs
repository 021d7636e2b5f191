namespace Godwit.Core.OneTimeSecrets;

/// <summary>
/// Limits on messages sent over longer spans than the per-minute limits of each kind, bound from
/// <c>Godwit:SendLimits</c>. They stop a caller from turning Godwit against an inbox (email bombing)
/// or against the SMS bill (SMS pumping: texts to ranges of premium numbers that share a prefix).
/// Counted in the database, so every Godwit process shares them.
/// </summary>
public sealed class SendLimitOptions
{
    public const string SectionName = "Godwit:SendLimits";

    /// <summary>Messages of every kind (links, passcodes, resets) one email or phone number may be sent per hour.</summary>
    public int PerAddressPerHour { get; set; } = 30;

    /// <summary>Text messages per hour to all the numbers that share one prefix of <see cref="PhonePrefixDigits"/> digits.</summary>
    public int PerPhonePrefixPerHour { get; set; } = 100;

    /// <summary>How many leading digits of an E.164 number (country code included) make its prefix.</summary>
    public int PhonePrefixDigits { get; set; } = 6;

    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>The first configuration mistake, or null when the options are usable.</summary>
    public string? Problem() =>
        PerAddressPerHour < 1 ? $"{SectionName}:PerAddressPerHour must be at least 1."
        : PerPhonePrefixPerHour < 1 ? $"{SectionName}:PerPhonePrefixPerHour must be at least 1."
        : PhonePrefixDigits is < 1 or > 15 ? $"{SectionName}:PhonePrefixDigits must be between 1 and 15."
        : null;

    /// <summary>The prefix a number's texts are counted under: "+" and its first digits.</summary>
    public string PrefixOf(string e164) => e164[..Math.Min(e164.Length, PhonePrefixDigits + 1)];
}
