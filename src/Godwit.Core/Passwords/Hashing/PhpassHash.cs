using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// The portable phpass scheme and its Drupal 7 descendant: <c>$P$</c>/<c>$H$</c> (WordPress,
/// phpBB: MD5, 34 characters) and <c>$S$</c> (Drupal 7: SHA-512, cut to 55 characters), each
/// <c>prefix + count character + 8-character salt + checksum</c>, digest = H(salt + password) then
/// 2^count times H(digest + password). Drupal's <c>U$S$</c> marks a Drupal 6 MD5 hash rehashed
/// as is, so the password is first replaced by its hex MD5.
/// </summary>
internal sealed class PhpassHash : PasswordVerifier
{
    private const int SettingLength = 12;

    private readonly bool sha512;
    private readonly bool md5PreHash;
    private readonly int countLog2;
    private readonly byte[] salt;
    private readonly byte[] expected;

    private PhpassHash(bool sha512, bool md5PreHash, int countLog2, string salt, string checksum)
    {
        this.sha512 = sha512;
        this.md5PreHash = md5PreHash;
        this.countLog2 = countLog2;
        this.salt = Encoding.ASCII.GetBytes(salt);
        expected = Encoding.ASCII.GetBytes(checksum);
    }

    public static Result<PasswordVerifier> ParsePhpass(string hash, PasswordHashLimits limits)
    {
        if (!hash.StartsWith("$P$", StringComparison.Ordinal) && !hash.StartsWith("$H$", StringComparison.Ordinal))
        {
            return ErrorCatalog.InvalidPhpassHashPrefix.WithMessage($"A phpass hash starts with $P$ or $H$; this one starts with '{(hash.Length >= 3 ? hash[..3] : hash)}'.");
        }

        if (hash.Length != 34 || !HashText.IsCrypt64(hash.AsSpan(3)))
        {
            return ErrorCatalog.InvalidPhpassHashFormat.WithMessage($"A phpass hash is 34 characters ($P$, a count character, 8 salt and 22 checksum characters of ./0-9A-Za-z); this one is {hash.Length}.");
        }

        return Create(hash, sha512: false, md5PreHash: false, limits, ErrorCatalog.InvalidPhpassHashFormat, "phpass");
    }

    public static Result<PasswordVerifier> ParseDrupal7(string hash, PasswordHashLimits limits)
    {
        var error = ErrorCatalog.InvalidDrupal7Hash;
        var md5PreHash = hash.StartsWith("U$", StringComparison.Ordinal);
        var body = md5PreHash ? hash[1..] : hash;
        if (!body.StartsWith("$S$", StringComparison.Ordinal))
        {
            return error.WithMessage("A Drupal 7 hash starts with $S$ (or U$S$ for a rehashed Drupal 6 password); for $P$ and $H$ use hash_type phpass.");
        }

        if (body.Length != 55 || !HashText.IsCrypt64(body.AsSpan(3)))
        {
            return error.WithMessage($"A Drupal 7 $S$ hash is 55 characters ($S$, a count character, 8 salt and 43 checksum characters of ./0-9A-Za-z); this one is {body.Length}.");
        }

        return Create(body, sha512: true, md5PreHash, limits, error, "Drupal 7");
    }

    public override bool Verify(string password, ReadOnlySpan<byte> utf8Password)
    {
        Span<byte> md5Hex = stackalloc byte[32];
        scoped var p = utf8Password;
        if (md5PreHash)
        {
            Span<byte> md5 = stackalloc byte[16];
#pragma warning disable CA5351 // Drupal 6 stored MD5; reproducing it is the only way to verify those users.
            MD5.HashData(utf8Password, md5);
#pragma warning restore CA5351
            Encoding.ASCII.GetBytes(Convert.ToHexStringLower(md5), md5Hex);
            p = md5Hex;
        }

        using var hash = IncrementalHash.CreateHash(sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.MD5);
        Span<byte> digest = stackalloc byte[sha512 ? 64 : 16];
        hash.AppendData(salt);
        hash.AppendData(p);
        hash.GetHashAndReset(digest);
        for (var count = 1L << countLog2; count > 0; count--)
        {
            hash.AppendData(digest);
            hash.AppendData(p);
            hash.GetHashAndReset(digest);
        }

        // phpass's encode64: little-endian groups of three bytes, 4 characters each, a short last group.
        Span<byte> encoded = stackalloc byte[((digest.Length + 2) / 3) * 4];
        var position = 0;
        for (var i = 0; i < digest.Length; i += 3)
        {
            var left = digest.Length - i;
            HashText.AppendCrypt64(encoded, ref position, left > 2 ? digest[i + 2] : 0, left > 1 ? digest[i + 1] : 0, digest[i], left >= 3 ? 4 : left + 1);
        }

        return CryptographicOperations.FixedTimeEquals(encoded[..expected.Length], expected);
    }

    private static Result<PasswordVerifier> Create(string hash, bool sha512, bool md5PreHash, PasswordHashLimits limits, ApiError error, string what)
    {
        var countLog2 = HashText.Crypt64Alphabet.IndexOf(hash[3], StringComparison.Ordinal);
        if (countLog2 is < 7 or > 30)
        {
            return error.WithMessage($"The {what} count character '{hash[3]}' means 2^{countLog2} rounds; valid hashes use 2^7 to 2^30.");
        }

        if (countLog2 > limits.PhpassMaxCountLog2)
        {
            return error.WithMessage($"The {what} cost 2^{countLog2} exceeds the limit of 2^{limits.PhpassMaxCountLog2}.");
        }

        return new PhpassHash(sha512, md5PreHash, countLog2, hash[4..SettingLength], hash[SettingLength..]);
    }
}
