using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;
using Godwit.Core.Security;

namespace Godwit.Core.OneTimeSecrets;

/// <summary>Proof Key for Code Exchange (RFC 7636) with the S256 method, the only one Stytch accepts.</summary>
public static class Pkce
{
    /// <summary>RFC 7636 §4.2: a challenge is BASE64URL(SHA256(verifier)), always 43 characters.</summary>
    public static bool IsValidChallenge(string challenge) => SecretTokens.LooksLikeToken(challenge);

    /// <summary>
    /// RFC 7636 §4.6: the server recomputes the challenge from the verifier and compares. The
    /// comparison is fixed-time so that timing reveals nothing about the stored challenge.
    /// </summary>
    public static ApiError? Check(string? storedChallenge, string? verifier)
    {
        if (storedChallenge is null)
        {
            // A verifier for a flow started without a challenge means the client and the link
            // disagree about the flow; Stytch refuses rather than ignore it.
            return verifier is null ? null : ErrorCatalog.PkceDidNotExpectCodeVerifier;
        }

        if (verifier is null)
        {
            return ErrorCatalog.MissingCodeVerifier;
        }

        var computed = Encoding.ASCII.GetBytes(SecretTokens.Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(verifier))));
        return CryptographicOperations.FixedTimeEquals(computed, Encoding.ASCII.GetBytes(storedChallenge)) ? null : ErrorCatalog.PkceMismatch;
    }
}
