using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// Poul-Henning Kamp's MD5-crypt (<c>$1$</c>) and Apache's variant of it (<c>$apr1$</c>), which
/// differs only in the magic string mixed into the first digest: 1,000 fixed MD5 rounds, salt of at
/// most 8 characters, 22-character checksum.
/// </summary>
internal sealed class Md5CryptHash : PasswordVerifier
{
    private const int ChecksumLength = 22;

    private readonly byte[] magic;
    private readonly byte[] salt;
    private readonly byte[] expected;

    private Md5CryptHash(string magic, string salt, string checksum)
    {
        this.magic = Encoding.ASCII.GetBytes(magic);
        this.salt = Encoding.ASCII.GetBytes(salt);
        expected = Encoding.ASCII.GetBytes(checksum);
    }

    public static Result<PasswordVerifier> Parse(string hash, bool apr1)
    {
        var magic = apr1 ? "$apr1$" : "$1$";
        var error = apr1 ? ErrorCatalog.InvalidApr1Hash : ErrorCatalog.InvalidMd5CryptHash;
        if (!hash.StartsWith(magic, StringComparison.Ordinal))
        {
            return error.WithMessage($"The hash must start with {magic}.");
        }

        var rest = hash[magic.Length..];
        var dollar = rest.IndexOf('$', StringComparison.Ordinal);
        if (dollar < 0 || dollar > 8)
        {
            return error.WithMessage($"The hash must be {magic}<salt of at most 8 characters>$<22-character checksum>.");
        }

        var salt = rest[..dollar];
        var checksum = rest[(dollar + 1)..];
        if (checksum.Length != ChecksumLength)
        {
            return error.WithMessage($"The checksum is {checksum.Length} characters; {magic} checksums are {ChecksumLength}.");
        }

        if (!HashText.IsCrypt64(salt) || !HashText.IsCrypt64(checksum))
        {
            return error.WithMessage("The salt and the checksum must use the crypt alphabet ./0-9A-Za-z.");
        }

        return new Md5CryptHash(magic, salt, checksum);
    }

    public override bool Verify(string password, ReadOnlySpan<byte> utf8Password)
    {
        Span<byte> final = stackalloc byte[16];
        using (var alternate = IncrementalHash.CreateHash(HashAlgorithmName.MD5))
        {
            alternate.AppendData(utf8Password);
            alternate.AppendData(salt);
            alternate.AppendData(utf8Password);
            alternate.GetHashAndReset(final);
        }

        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(utf8Password);
        md5.AppendData(magic);
        md5.AppendData(salt);
        for (var left = utf8Password.Length; left > 0; left -= 16)
        {
            md5.AppendData(final[..Math.Min(16, left)]);
        }

        // The original zeroes "final" and then appends its first byte, hence the NUL.
        ReadOnlySpan<byte> nul = [0];
        for (var i = utf8Password.Length; i != 0; i >>= 1)
        {
            md5.AppendData((i & 1) != 0 ? nul : utf8Password[..1]);
        }

        md5.GetHashAndReset(final);
        for (var i = 0; i < 1000; i++)
        {
            md5.AppendData((i & 1) != 0 ? utf8Password : final);
            if (i % 3 != 0)
            {
                md5.AppendData(salt);
            }

            if (i % 7 != 0)
            {
                md5.AppendData(utf8Password);
            }

            md5.AppendData((i & 1) != 0 ? final : utf8Password);
            md5.GetHashAndReset(final);
        }

        Span<byte> actual = stackalloc byte[ChecksumLength];
        var position = 0;
        HashText.AppendCrypt64(actual, ref position, final[0], final[6], final[12], 4);
        HashText.AppendCrypt64(actual, ref position, final[1], final[7], final[13], 4);
        HashText.AppendCrypt64(actual, ref position, final[2], final[8], final[14], 4);
        HashText.AppendCrypt64(actual, ref position, final[3], final[9], final[15], 4);
        HashText.AppendCrypt64(actual, ref position, final[4], final[10], final[5], 4);
        HashText.AppendCrypt64(actual, ref position, 0, 0, final[11], 2);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
