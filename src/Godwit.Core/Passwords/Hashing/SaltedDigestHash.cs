using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// <c>md_5</c>, <c>sha_1</c>, <c>sha_256</c>, <c>sha_512</c>: the hex digest of
/// prepend_salt + password + append_salt, hex in either case.
/// </summary>
internal sealed class SaltedDigestHash : PasswordVerifier
{
    private const int MaxSaltLength = 1024;

    private readonly HashAlgorithmName algorithm;
    private readonly byte[] prefix;
    private readonly byte[] suffix;
    private readonly byte[] expected;

    private SaltedDigestHash(HashAlgorithmName algorithm, byte[] prefix, byte[] suffix, byte[] expected)
    {
        this.algorithm = algorithm;
        this.prefix = prefix;
        this.suffix = suffix;
        this.expected = expected;
    }

    public static Result<PasswordVerifier> Parse(string hashType, string hash, SaltedDigestConfig? config)
    {
        var (algorithm, digestBytes, error, configName) = hashType switch
        {
            HashTypes.Md5 => (HashAlgorithmName.MD5, 16, ErrorCatalog.InvalidMd5Hash, "md_5_config"),
            HashTypes.Sha1 => (HashAlgorithmName.SHA1, 20, ErrorCatalog.InvalidSha1Hash, "sha_1_config"),
            HashTypes.Sha256 => (HashAlgorithmName.SHA256, 32, ErrorCatalog.InvalidSha256Hash, "sha_256_config"),
            _ => (HashAlgorithmName.SHA512, 64, ErrorCatalog.InvalidSha512Hash, "sha_512_config"),
        };

        if (!HashText.IsHex(hash))
        {
            return HashText.TryDecodeBase64(hash, out var decoded) && decoded.Length == digestBytes
                ? error.WithMessage($"The hash looks like base64; {hashType} hashes must be the hex digest ({digestBytes * 2} hex characters).")
                : error.WithMessage($"The hash must be the hex digest ({digestBytes * 2} hex characters); it contains a character that is not hex.");
        }

        if (hash.Length != digestBytes * 2)
        {
            return error.WithMessage($"The hash is {hash.Length} hex characters but {hashType} digests are {digestBytes * 2}.");
        }

        if (config?.PrependSalt?.Length > MaxSaltLength)
        {
            return ErrorCatalog.InvalidPrependSalt.WithMessage($"{configName}.prepend_salt is {config.PrependSalt.Length} characters; the limit is {MaxSaltLength}.");
        }

        if (config?.AppendSalt?.Length > MaxSaltLength)
        {
            return ErrorCatalog.InvalidAppendSalt.WithMessage($"{configName}.append_salt is {config.AppendSalt.Length} characters; the limit is {MaxSaltLength}.");
        }

        return new SaltedDigestHash(
            algorithm,
            Encoding.UTF8.GetBytes(config?.PrependSalt ?? ""),
            Encoding.UTF8.GetBytes(config?.AppendSalt ?? ""),
            Convert.FromHexString(hash));
    }

    public override bool Verify(string password, ReadOnlySpan<byte> utf8Password)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        hash.AppendData(prefix);
        hash.AppendData(utf8Password);
        hash.AppendData(suffix);
        Span<byte> actual = stackalloc byte[64];
        var written = hash.GetHashAndReset(actual);
        return CryptographicOperations.FixedTimeEquals(actual[..written], expected);
    }
}
