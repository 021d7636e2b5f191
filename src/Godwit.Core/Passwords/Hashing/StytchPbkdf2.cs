using System.Security.Cryptography;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>Stytch's <c>pbkdf_2</c>: the standard base64 derived key with <c>pbkdf_2_config</c> (base64 salt).</summary>
internal static class StytchPbkdf2
{
    public static Result<PasswordVerifier> Parse(string hash, Pbkdf2Config config, PasswordHashLimits limits)
    {
        HashAlgorithmName prf;
        switch (config.Algorithm)
        {
            case null or "" or "sha256": prf = HashAlgorithmName.SHA256; break;
            case "sha512": prf = HashAlgorithmName.SHA512; break;
            default: return ErrorCatalog.InvalidPbkdf2Algorithm.WithMessage($"pbkdf_2_config.algorithm '{config.Algorithm}' is not supported; use sha256 or sha512.");
        }

        if (config.IterationAmount is not { } iterations)
        {
            return ErrorCatalog.InvalidPbkdf2IterationAmount.WithMessage("pbkdf_2_config.iteration_amount is required.");
        }

        if (config.KeyLength is not { } keyLength)
        {
            return ErrorCatalog.Pbkdf2KeyLengthMismatch.WithMessage("pbkdf_2_config.key_length is required.");
        }

        if (string.IsNullOrEmpty(config.Salt))
        {
            return ErrorCatalog.InvalidPbkdf2Salt.WithMessage("pbkdf_2_config.salt is required.");
        }

        if (HashText.LooksLikeHex(config.Salt) || !HashText.TryDecodeBase64(config.Salt, out var salt))
        {
            return ErrorCatalog.InvalidPbkdf2Salt.WithMessage(HashText.LooksLikeHex(config.Salt)
                ? "pbkdf_2_config.salt looks like hex; it must be standard base64 of the salt bytes."
                : "pbkdf_2_config.salt is not valid standard base64.");
        }

        if (!HashText.TryDecodeBase64(hash, out var key))
        {
            return ErrorCatalog.InvalidPbkdf2Hash.WithMessage("The hash is not valid standard base64 of the derived key.");
        }

        if (key.Length != keyLength)
        {
            return ErrorCatalog.Pbkdf2KeyLengthMismatch.WithMessage(HashText.IsHex(hash) && hash.Length == keyLength * 2
                ? $"The hash looks like hex ({hash.Length} hex characters = {keyLength} bytes); pbkdf_2 hashes must be standard base64."
                : $"pbkdf_2_config.key_length is {keyLength} but the hash decodes to {key.Length} bytes.");
        }

        return Pbkdf2Hash.Create(prf, iterations, salt, key, limits, ErrorCatalog.InvalidPbkdf2IterationAmount, ErrorCatalog.InvalidPbkdf2Hash, "pbkdf_2");
    }
}
