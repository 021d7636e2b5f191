using System.Buffers.Binary;
using System.Security.Cryptography;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// ASP.NET Core Identity's base64 blob. V2: 0x00, 16-byte salt, 32-byte PBKDF2-HMAC-SHA1 subkey at
/// 1,000 iterations. V3: 0x01, then big-endian PRF (0 SHA-1, 1 SHA-256, 2 SHA-512), iteration count
/// and salt length, the salt, and the subkey (the rest).
/// </summary>
internal static class AspNetIdentityHash
{
    private const int V2Iterations = 1000;
    private const int MinSaltOrKeyBytes = 16;

    private static readonly ApiError Error = ErrorCatalog.InvalidAspNetIdentityHash;

    public static Result<PasswordVerifier> Parse(string hash, PasswordHashLimits limits)
    {
        if (HashText.LooksLikeHex(hash))
        {
            return Error.WithMessage("The ASP.NET Identity hash looks like hex; it must be the standard base64 of the PasswordHash column.");
        }

        if (!HashText.TryDecodeBase64(hash, out var blob) || blob.Length == 0)
        {
            return Error.WithMessage("The ASP.NET Identity hash is not valid standard base64.");
        }

        switch (blob[0])
        {
            case 0x00:
                return blob.Length == 49
                    ? Pbkdf2Hash.Create(HashAlgorithmName.SHA1, V2Iterations, blob[1..17], blob[17..], limits, Error, Error, "ASP.NET Identity V2")
                    : Error.WithMessage($"An ASP.NET Identity V2 hash (marker 0x00) is 49 bytes; this one is {blob.Length}.");

            case 0x01:
                if (blob.Length < 13)
                {
                    return Error.WithMessage($"An ASP.NET Identity V3 hash (marker 0x01) has a 13-byte header; this one is {blob.Length} bytes.");
                }

                var prf = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(1)) switch
                {
                    0 => HashAlgorithmName.SHA1,
                    1 => HashAlgorithmName.SHA256,
                    2 => HashAlgorithmName.SHA512,
                    _ => default,
                };
                if (prf == default)
                {
                    return Error.WithMessage($"ASP.NET Identity V3 PRF {BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(1))} is unknown; 0, 1 and 2 mean HMAC-SHA1, -SHA256, -SHA512.");
                }

                var iterations = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(5));
                var saltLength = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(9));
                if (saltLength < MinSaltOrKeyBytes || saltLength > (uint)(blob.Length - 13 - MinSaltOrKeyBytes))
                {
                    return Error.WithMessage($"ASP.NET Identity V3 declares a salt of {saltLength} bytes in a hash of {blob.Length} bytes; salt and subkey must each be at least {MinSaltOrKeyBytes} bytes.");
                }

                if (iterations > int.MaxValue)
                {
                    return Error.WithMessage($"ASP.NET Identity V3 iteration count {iterations} is out of range.");
                }

                var saltEnd = 13 + (int)saltLength;
                return Pbkdf2Hash.Create(prf, (int)iterations, blob[13..saltEnd], blob[saltEnd..], limits, Error, Error, "ASP.NET Identity V3");

            default:
                return Error.WithMessage($"The ASP.NET Identity format marker is 0x{blob[0]:x2}; only 0x00 (V2) and 0x01 (V3) exist.");
        }
    }
}
