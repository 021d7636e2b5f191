namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// Caps on the costs a migrated hash may carry, bound from <c>Godwit:Passwords:HashLimits</c>. The
/// hash and its parameters come from whoever calls the migrate endpoint, so without caps one request
/// could store a hash whose every verification burns minutes of CPU or gigabytes of memory. The
/// defaults accept every default real exporters use (Django, Werkzeug, passlib, argon2-cffi,
/// Firebase, ASP.NET Identity, Drupal, WordPress) while keeping one verification near a second and
/// about 100 MiB at most.
/// </summary>
public sealed class PasswordHashLimits
{
    public const string SectionName = "Godwit:Passwords:HashLimits";

    /// <summary>bcrypt's own lower bound: costs below 4 do not exist.</summary>
    public const int BcryptMinCost = 4;

    /// <summary>
    /// bcrypt cost (log2 of rounds). Common defaults are 10–12; each step doubles the time. BCrypt.Net
    /// needs about 0.65 s at cost 12 and 5 s at 16 on one core, so 13 keeps one verification near a
    /// second; raise it (up to 31) for an export that really uses more.
    /// </summary>
    public int BcryptMaxCost { get; set; } = 13;

    /// <summary>scrypt N. Stytch's documented limit is 262,144 (2^18).</summary>
    public int ScryptMaxN { get; set; } = 262_144;

    /// <summary>scrypt memory and time bound, 128·N·r·p bytes, in MiB. passlib's default (N 2^16, r 8) needs 64.</summary>
    public int ScryptMaxMemoryMiB { get; set; } = 64;

    /// <summary>Argon2 memory in KiB. 102,400 is Django's and older argon2-cffi's default (100 MiB).</summary>
    public int Argon2MaxMemoryKiB { get; set; } = 102_400;

    /// <summary>Argon2 passes (t).</summary>
    public int Argon2MaxIterations { get; set; } = 10;

    /// <summary>Argon2 lanes (p). libsodium computes lanes one after another, so they add no memory.</summary>
    public int Argon2MaxThreads { get; set; } = 16;

    /// <summary>PBKDF2 iterations (also Django, passlib, Werkzeug, ASP.NET Identity). Django 6 uses 1,200,000.</summary>
    public int Pbkdf2MaxIterations { get; set; } = 1_200_000;

    /// <summary>SHA-crypt rounds ($5$, $6$). The default is 5,000.</summary>
    public int ShaCryptMaxRounds { get; set; } = 1_000_000;

    /// <summary>log2 of phpass and Drupal 7 iterations. WordPress writes 8, phpBB 10, Drupal 7 15/16.</summary>
    public int PhpassMaxCountLog2 { get; set; } = 20;

    /// <summary>Derived key lengths in bytes (scrypt, Argon2, PBKDF2): shorter keys are truncated digests.</summary>
    public int MinKeyLength { get; set; } = 16;

    /// <inheritdoc cref="MinKeyLength"/>
    public int MaxKeyLength { get; set; } = 64;

    /// <summary>
    /// The limits stored hashes are read back with. They were checked against the configured limits
    /// when they were migrated; lowering a limit later must not lock those users out, so reading only
    /// applies these outer bounds, which no configuration may exceed.
    /// A fresh instance each time, so no caller can loosen it for everyone.
    /// </summary>
    public static PasswordHashLimits Ceiling => new()
    {
        BcryptMaxCost = 31,
        ScryptMaxN = 1 << 24,
        ScryptMaxMemoryMiB = 4096,
        Argon2MaxMemoryKiB = 4 * 1024 * 1024,
        Argon2MaxIterations = 100,
        Argon2MaxThreads = 255,
        Pbkdf2MaxIterations = 100_000_000,
        ShaCryptMaxRounds = 999_999_999,
        PhpassMaxCountLog2 = 30,
        MinKeyLength = 4,
        MaxKeyLength = 1024,
    };

    /// <summary>The first configuration mistake, or null when the limits are usable.</summary>
    public string? Problem()
    {
        var c = Ceiling;
        return BcryptMaxCost < BcryptMinCost || BcryptMaxCost > c.BcryptMaxCost ? $"{SectionName}:BcryptMaxCost must be between {BcryptMinCost} and {c.BcryptMaxCost}."
            : ScryptMaxN < 2 || ScryptMaxN > c.ScryptMaxN ? $"{SectionName}:ScryptMaxN must be between 2 and {c.ScryptMaxN}."
            : ScryptMaxMemoryMiB < 1 || ScryptMaxMemoryMiB > c.ScryptMaxMemoryMiB ? $"{SectionName}:ScryptMaxMemoryMiB must be between 1 and {c.ScryptMaxMemoryMiB}."
            : Argon2MaxMemoryKiB < 8 || Argon2MaxMemoryKiB > c.Argon2MaxMemoryKiB ? $"{SectionName}:Argon2MaxMemoryKiB must be between 8 and {c.Argon2MaxMemoryKiB}."
            : Argon2MaxIterations < 1 || Argon2MaxIterations > c.Argon2MaxIterations ? $"{SectionName}:Argon2MaxIterations must be between 1 and {c.Argon2MaxIterations}."
            : Argon2MaxThreads < 1 || Argon2MaxThreads > c.Argon2MaxThreads ? $"{SectionName}:Argon2MaxThreads must be between 1 and {c.Argon2MaxThreads}."
            : Pbkdf2MaxIterations < 1 || Pbkdf2MaxIterations > c.Pbkdf2MaxIterations ? $"{SectionName}:Pbkdf2MaxIterations must be between 1 and {c.Pbkdf2MaxIterations}."
            : ShaCryptMaxRounds < 1000 || ShaCryptMaxRounds > c.ShaCryptMaxRounds ? $"{SectionName}:ShaCryptMaxRounds must be between 1000 and {c.ShaCryptMaxRounds}."
            : PhpassMaxCountLog2 < 7 || PhpassMaxCountLog2 > c.PhpassMaxCountLog2 ? $"{SectionName}:PhpassMaxCountLog2 must be between 7 and {c.PhpassMaxCountLog2}."
            : MinKeyLength < c.MinKeyLength || MaxKeyLength > c.MaxKeyLength || MinKeyLength > MaxKeyLength ? $"{SectionName}:MinKeyLength and MaxKeyLength must satisfy {c.MinKeyLength} <= MinKeyLength <= MaxKeyLength <= {c.MaxKeyLength}."
            : null;
    }
}
