using System.Text;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// Stytch's <c>argon_2i</c> and <c>argon_2id</c>: an encoded PHC string, or the hex output with
/// <c>argon_2_config</c> whose salt is plain text (its UTF-8 bytes are the salt).
/// </summary>
internal static class StytchArgon2
{
    public static Result<PasswordVerifier> Parse(string hashType, string hash, Argon2Config? config, PasswordHashLimits limits)
    {
        var argon2id = hashType == HashTypes.Argon2id;
        if (hash.StartsWith('$'))
        {
            if (config is not null)
            {
                return ErrorCatalog.UnexpectedHashConfig.WithMessage("argon_2_config must be omitted when the hash is an encoded $argon2…$ string, which carries its own parameters.");
            }

            var parsed = Argon2Hash.ParsePhc(hash, argon2id, limits, Argon2Errors.Stytch, hashType);
            return parsed.Succeeded ? parsed.Value : parsed.Error!;
        }

        if (config is null)
        {
            return ErrorCatalog.MissingHashConfig.WithMessage($"argon_2_config is required unless the hash is an encoded ${(argon2id ? "argon2id" : "argon2i")}$v=19$… string.");
        }

        if (config.IterationAmount is not { } t || config.Memory is not { } m || config.Threads is not { } p || config.KeyLength is not { } keyLength)
        {
            return ErrorCatalog.InvalidHash.WithMessage("argon_2_config needs salt, iteration_amount, memory, threads and key_length.");
        }

        if (string.IsNullOrEmpty(config.Salt))
        {
            return ErrorCatalog.InvalidArgon2Salt.WithMessage("argon_2_config.salt is required.");
        }

        if (keyLength < limits.MinKeyLength || keyLength > limits.MaxKeyLength)
        {
            return ErrorCatalog.InvalidArgon2KeyLength.WithMessage($"argon_2_config.key_length {keyLength} is outside {limits.MinKeyLength}–{limits.MaxKeyLength}.");
        }

        if (!HashText.TryDecodeHex(hash, out var output))
        {
            return HashText.TryDecodeBase64(hash, out var b64) && b64.Length == keyLength
                ? ErrorCatalog.InvalidHash.WithMessage("The hash looks like base64; with argon_2_config it must be the hex of the Argon2 output.")
                : ErrorCatalog.InvalidHash.WithMessage("With argon_2_config the hash must be the hex of the Argon2 output (an even number of hex characters).");
        }

        if (output.Length != keyLength)
        {
            return ErrorCatalog.Argon2KeyLengthMismatch.WithMessage($"argon_2_config.key_length is {keyLength} but the hash is {hash.Length} hex characters ({output.Length} bytes).");
        }

        var created = Argon2Hash.Create(argon2id, m, t, p, Encoding.UTF8.GetBytes(config.Salt), output, limits, Argon2Errors.Stytch, "argon_2_config");
        return created.Succeeded ? created.Value : created.Error!;
    }
}
