using Godwit.Core.Errors;
using Godwit.Core.Security;
using Godwit.Core.Users;

namespace Godwit.Core.Totps;

/// <summary>
/// The rows of a TOTP brought from another system, for importers that write users in bulk: add the
/// result to <see cref="User.Totps"/> and write it with its <see cref="UserTotp.RecoveryCodes"/>.
/// The TOTP is verified (its owner set it up in the old system) and its secret and codes are
/// sealed exactly as Godwit's own, so authenticate and recover treat it like any other.
/// </summary>
public static class TotpImport
{
    /// <summary>
    /// Validates and seals an imported TOTP: the secret in base32 (80 to 512 bits; case, spaces and
    /// padding ignored) and recovery codes of 8 to 64 letters, digits and dashes (stored lower-cased).
    /// </summary>
    public static Result<UserTotp> Build(ProjectKeys keys, string userId, string base32Secret, IReadOnlyList<string>? recoveryCodes, DateTime now)
    {
        if (!PrefixedId.IsValid(PrefixedId.User, userId))
        {
            return ErrorCatalog.InvalidUserId;
        }

        if (!TotpSecrets.TryParseBase32(base32Secret, out var secret))
        {
            return ErrorCatalog.BadRequest.WithMessage("The TOTP secret must be base32 (RFC 4648) of 80 to 512 bits.");
        }

        var codes = new List<string>();
        foreach (var code in recoveryCodes ?? [])
        {
            if (!TotpSecrets.TryNormalizeRecoveryCode(code, out var normalized))
            {
                return ErrorCatalog.InvalidRecoveryCode.WithMessage("Recovery codes must be 8 to 64 letters, digits and dashes.");
            }

            codes.Add(normalized);
        }

        return TotpSecrets.Seal(keys, userId, secret, codes.Distinct(StringComparer.Ordinal), verified: true, now, expiresAt: null);
    }
}
