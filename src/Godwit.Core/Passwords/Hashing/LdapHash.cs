using System.Security.Cryptography;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// RFC 2307-style userPassword values: <c>{MD5}</c>, <c>{SHA}</c>, <c>{SHA256}</c>,
/// <c>{SHA384}</c>, <c>{SHA512}</c> hold base64(digest(password)); the salted <c>{SMD5}</c>,
/// <c>{SSHA}</c>, <c>{SSHA256}</c>, <c>{SSHA384}</c>, <c>{SSHA512}</c> hold
/// base64(digest(password + salt) + salt). Scheme names are case-insensitive.
/// </summary>
internal sealed class LdapHash : PasswordVerifier
{
    private const int MaxSaltBytes = 256;

    private static readonly ApiError Error = ErrorCatalog.InvalidLdapHash;

    private readonly HashAlgorithmName algorithm;
    private readonly byte[] digest;
    private readonly byte[] salt;

    private LdapHash(HashAlgorithmName algorithm, byte[] digest, byte[] salt)
    {
        this.algorithm = algorithm;
        this.digest = digest;
        this.salt = salt;
    }

    public static Result<PasswordVerifier> Parse(string hash)
    {
        var close = hash.IndexOf('}', StringComparison.Ordinal);
        if (!hash.StartsWith('{') || close < 0)
        {
            return Error.WithMessage("An LDAP hash starts with a {SCHEME} such as {SSHA} or {SHA}.");
        }

        var scheme = hash[1..close].ToUpperInvariant();
        var salted = scheme.StartsWith('S') && scheme != "SHA";
        var (algorithm, size) = (salted ? scheme[1..] : scheme) switch
        {
            "MD5" => (HashAlgorithmName.MD5, 16),
            "SHA" => (HashAlgorithmName.SHA1, 20),
            "SHA256" => (HashAlgorithmName.SHA256, 32),
            "SHA384" => (HashAlgorithmName.SHA384, 48),
            "SHA512" => (HashAlgorithmName.SHA512, 64),
            _ => (default(HashAlgorithmName), 0),
        };
        if (size == 0)
        {
            return Error.WithMessage($"LDAP scheme {{{hash[1..close]}}} is not supported; use {{MD5}}, {{SMD5}}, {{SHA}}, {{SSHA}}, {{SHA256}}, {{SSHA256}}, {{SHA384}}, {{SSHA384}}, {{SHA512}} or {{SSHA512}}.");
        }

        if (!HashText.TryDecodeBase64(hash[(close + 1)..], out var bytes))
        {
            return Error.WithMessage($"The value after {{{scheme}}} is not valid standard base64.");
        }

        if (!salted && bytes.Length != size)
        {
            return Error.WithMessage($"{{{scheme}}} holds a {size}-byte digest; this one decodes to {bytes.Length} bytes.");
        }

        if (salted && (bytes.Length <= size || bytes.Length > size + MaxSaltBytes))
        {
            return Error.WithMessage($"{{{scheme}}} holds a {size}-byte digest followed by a salt of 1 to {MaxSaltBytes} bytes; this one decodes to {bytes.Length} bytes.");
        }

        return new LdapHash(algorithm, bytes[..size], bytes[size..]);
    }

    public override bool Verify(string password, ReadOnlySpan<byte> utf8Password)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        hash.AppendData(utf8Password);
        hash.AppendData(salt);
        Span<byte> actual = stackalloc byte[64];
        var written = hash.GetHashAndReset(actual);
        return CryptographicOperations.FixedTimeEquals(actual[..written], digest);
    }
}
