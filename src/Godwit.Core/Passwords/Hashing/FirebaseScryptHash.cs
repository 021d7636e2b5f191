using System.Security.Cryptography;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// Firebase Authentication's modified scrypt: key = scrypt(password, salt || salt_separator,
/// N = 2^memory_cost, r = rounds, p = 1, 32 bytes); hash = AES-256-CTR(key, zero counter) applied to
/// the project's signer key. All byte values are standard base64, as <c>firebase auth:export</c> and
/// the console's hash parameters give them.
/// </summary>
internal sealed class FirebaseScryptHash : PasswordVerifier
{
    private const string DefaultSeparator = "Bw==";
    private const int KeyBytes = 32;
    private const int MaxSignerKeyBytes = 256;

    private static readonly ApiError ConfigError = ErrorCatalog.InvalidFirebaseScryptConfig;

    private readonly byte[] salt;
    private readonly long n;
    private readonly int r;
    private readonly byte[] signerKey;
    private readonly byte[] expected;

    private FirebaseScryptHash(byte[] salt, long n, int r, byte[] signerKey, byte[] expected)
    {
        this.salt = salt;
        this.n = n;
        this.r = r;
        this.signerKey = signerKey;
        this.expected = expected;
    }

    public static Result<PasswordVerifier> Parse(string hash, FirebaseScryptConfig config, PasswordHashLimits limits)
    {
        if (config.Rounds is not { } rounds || config.MemoryCost is not { } memoryCost)
        {
            return ConfigError.WithMessage("firebase_scrypt_config needs salt, signer_key, rounds and memory_cost (salt_separator defaults to Bw==).");
        }

        if (string.IsNullOrEmpty(config.Salt) || !HashText.TryDecodeBase64(config.Salt, out var salt))
        {
            return ConfigError.WithMessage("firebase_scrypt_config.salt must be the user's passwordSalt in standard base64.");
        }

        if (!HashText.TryDecodeBase64(config.SaltSeparator ?? DefaultSeparator, out var separator))
        {
            return ConfigError.WithMessage("firebase_scrypt_config.salt_separator must be standard base64 (Firebase's is Bw==).");
        }

        if (string.IsNullOrEmpty(config.SignerKey) || !HashText.TryDecodeBase64(config.SignerKey, out var signerKey) || signerKey.Length > MaxSignerKeyBytes)
        {
            return ConfigError.WithMessage($"firebase_scrypt_config.signer_key must be the project's base64 signer key (at most {MaxSignerKeyBytes} bytes).");
        }

        if (memoryCost is < 1 or > 30)
        {
            return ConfigError.WithMessage($"firebase_scrypt_config.memory_cost {memoryCost} is outside 1–30 (N = 2^memory_cost; Firebase uses 14).");
        }

        var n = 1L << memoryCost;
        if ((ScryptHash.NProblem(n, limits) ?? ScryptHash.CostProblem(n, rounds, 1, limits)) is { } problem)
        {
            return ConfigError.WithMessage($"firebase_scrypt_config: {problem}");
        }

        if (!HashText.TryDecodeBase64(hash, out var digest))
        {
            return ErrorCatalog.InvalidFirebaseScryptHash.WithMessage("The hash must be the user's passwordHash in standard base64.");
        }

        if (digest.Length != signerKey.Length)
        {
            return ErrorCatalog.InvalidFirebaseScryptHash.WithMessage(HashText.IsHex(hash) && hash.Length == signerKey.Length * 2
                ? "The hash looks like hex; it must be the user's passwordHash in standard base64."
                : $"The hash decodes to {digest.Length} bytes but the signer key to {signerKey.Length}; a Firebase hash is the encrypted signer key, so they have the same length.");
        }

        return new FirebaseScryptHash([.. salt, .. separator], n, rounds, signerKey, digest);
    }

    public override bool Verify(string password, ReadOnlySpan<byte> utf8Password)
    {
        Span<byte> key = stackalloc byte[KeyBytes];
        if (!Sodium.Scrypt(utf8Password, salt, (ulong)n, (uint)r, 1, key))
        {
            return false;
        }

        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        CryptographicOperations.ZeroMemory(key);

        // CTR mode from ECB: keystream block i = AES(counter i), counter a 128-bit big-endian
        // integer starting at the zero IV.
        var blocks = (signerKey.Length + 15) / 16;
        Span<byte> counters = stackalloc byte[blocks * 16];
        counters.Clear();
        for (var i = 0; i < blocks; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(counters[((i * 16) + 8)..], (ulong)i);
        }

        Span<byte> keystream = stackalloc byte[blocks * 16];
        aes.EncryptEcb(counters, keystream, PaddingMode.None);
        Span<byte> actual = stackalloc byte[signerKey.Length];
        for (var i = 0; i < actual.Length; i++)
        {
            actual[i] = (byte)(signerKey[i] ^ keystream[i]);
        }

        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
