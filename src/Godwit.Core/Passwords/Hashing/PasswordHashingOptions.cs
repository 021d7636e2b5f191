namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// How new and upgraded passwords are hashed, bound from <c>Godwit:Passwords:Hashing</c>: Argon2id
/// through libsodium with one lane (libsodium computes lanes one after another, so more lanes would
/// only cost time).
/// </summary>
public sealed class PasswordHashingOptions
{
    public const string SectionName = "Godwit:Passwords:Hashing";

    /// <summary>The floor below which memory-hardness stops meaning much; libsodium's own minimum is 8 KiB.</summary>
    public const int MinMemoryKiB = 8;

    /// <summary>Argon2id memory in KiB. OWASP's recommendation for Argon2id with t = 2: 19 MiB.</summary>
    public int MemoryKiB { get; set; } = 19_456;

    /// <summary>Argon2id passes (t). OWASP's recommendation with 19 MiB: 2.</summary>
    public int Iterations { get; set; } = 2;

    /// <summary>
    /// Requests that may wait for a hashing slot, per core, beyond the one hash per core that runs.
    /// Past this a request that needs a hash is refused at once with 503
    /// <c>password_hashing_overloaded</c>. 64 per core is a couple of seconds of default-cost hashes.
    /// </summary>
    public int QueueLimitPerCore { get; set; } = 64;

    /// <summary>The first configuration mistake, or null when the options are usable.</summary>
    public string? Problem() =>
        MemoryKiB < MinMemoryKiB ? $"{SectionName}:MemoryKiB must be at least {MinMemoryKiB}."
        : MemoryKiB > 4 * 1024 * 1024 ? $"{SectionName}:MemoryKiB must be at most 4194304 (4 GiB)."
        : Iterations < 1 ? $"{SectionName}:Iterations must be at least 1."
        : Iterations > 100 ? $"{SectionName}:Iterations must be at most 100."
        : QueueLimitPerCore is < 0 or > 10_000 ? $"{SectionName}:QueueLimitPerCore must be between 0 and 10000."
        : null;
}
