using System.Text;
using Godwit.Core.Errors;

namespace Godwit.Core.Passwords.Hashing;

/// <summary>
/// Werkzeug's <c>method$salt$hexhash</c>: <c>scrypt:N:r:p</c> (64-byte key) and
/// <c>pbkdf2:hash:iterations</c> (key as long as the digest). The salt is text.
/// </summary>
internal static class WerkzeugHash
{
    private static readonly ApiError Error = ErrorCatalog.InvalidWerkzeugHash;

    public static Result<PasswordVerifier> Parse(string hash, PasswordHashLimits limits)
    {
        var parts = hash.Split('$');
        if (parts.Length != 3)
        {
            return Error.WithMessage("A Werkzeug hash must be <method>$<salt>$<hex hash>, e.g. scrypt:32768:8:1$salt$… or pbkdf2:sha256:600000$salt$….");
        }

        if (parts[1].Length == 0)
        {
            return Error.WithMessage("The Werkzeug salt is empty.");
        }

        if (!HashText.TryDecodeHex(parts[2], out var key))
        {
            return Error.WithMessage($"The Werkzeug hash part must be hex (an even number of hex characters); got {parts[2].Length} characters{(HashText.IsHex(parts[2]) ? "" : " that are not all hex")}.");
        }

        var salt = Encoding.UTF8.GetBytes(parts[1]);
        var method = parts[0].Split(':');
        switch (method[0])
        {
            case "scrypt":
                if (method.Length != 4 || !HashText.TryParseDecimal(method[1], out var n) || !HashText.TryParseDecimal(method[2], out var r) || !HashText.TryParseDecimal(method[3], out var p))
                {
                    return Error.WithMessage("A Werkzeug scrypt method must be scrypt:<N>:<r>:<p>.");
                }

                return key.Length == 64
                    ? ScryptHash.Create(salt, n, r, p, key, limits, Error)
                    : Error.WithMessage($"A Werkzeug scrypt hash is 128 hex characters (64 bytes); got {parts[2].Length}.");

            case "pbkdf2":
                // Werkzeug fills in its *current* default when the count is missing, and that default
                // has changed across releases (150,000, 260,000, 600,000, 1,000,000): a count-less
                // hash cannot be verified without knowing the version that wrote it.
                if (method.Length == 1 || (method.Length == 2 && method[1].Length > 0))
                {
                    return Error.WithMessage($"The Werkzeug method '{parts[0]}' has no iteration count, so its meaning depends on the Werkzeug version that wrote it; write it as pbkdf2:{(method.Length == 2 ? method[1] : "sha256")}:<iterations>.");
                }

                if (method.Length != 3 || Pbkdf2Hash.PrfNamed(method[1]) is not { } prf || !HashText.TryParseDecimal(method[2], out var iterations))
                {
                    return Error.WithMessage($"A Werkzeug pbkdf2 method must be pbkdf2:<sha1|sha256|sha512>:<iterations>; got '{parts[0]}'.");
                }

                var digestBytes = method[1] switch { "sha1" => 20, "sha256" => 32, _ => 64 };
                return key.Length == digestBytes
                    ? Pbkdf2Hash.Create(prf, iterations, salt, key, limits, Error, Error, "Werkzeug pbkdf2")
                    : Error.WithMessage($"A Werkzeug pbkdf2:{method[1]} hash is {digestBytes * 2} hex characters; got {parts[2].Length}.");

            default:
                return Error.WithMessage($"Werkzeug method '{method[0]}' is not supported; use scrypt or pbkdf2.");
        }
    }
}
