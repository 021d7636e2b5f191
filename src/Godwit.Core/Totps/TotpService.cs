using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.Totps;

/// <summary>A new TOTP: the plaintext secret, QR code and recovery codes are shown this once.</summary>
public sealed record CreatedTotp(User User, UserTotp Totp, string Secret, string QrCode, IReadOnlyList<string> RecoveryCodes);

/// <summary>A TOTP of a user with its unused recovery codes.</summary>
public sealed record TotpRecoveryCodes(UserTotp Totp, IReadOnlyList<string> Codes);

/// <summary>Enrolling, importing, listing the recovery codes of and removing authenticator apps.</summary>
public sealed class TotpService(IUserStore users, ITotpStore totps, SessionEvents sessionEvents, ProjectKeys keys, TotpOptions options, TimeProvider clock)
{
    public const int MinExpirationMinutes = 5;
    public const int MaxExpirationMinutes = 1440;

    /// <summary>Stytch's default: an enrolment not confirmed by a code within a day is void.</summary>
    public const int DefaultExpirationMinutes = 1440;

    /// <summary>
    /// Creates an unverified TOTP, which the user's first accepted code verifies. Refused (with
    /// nothing stored) under the second-factor enrolment rule, and while a verified TOTP exists; a
    /// TOTP still awaiting its first code is replaced.
    /// </summary>
    public async Task<Result<CreatedTotp>> CreateAsync(string userIdOrExternalId, int? expirationMinutes, CancellationToken cancellationToken)
    {
        var minutes = expirationMinutes ?? DefaultExpirationMinutes;
        if (minutes is < MinExpirationMinutes or > MaxExpirationMinutes)
        {
            return ErrorCatalog.InvalidTotpExpiration;
        }

        var user = await users.FindAsync(userIdOrExternalId, cancellationToken);
        if (user is null)
        {
            return ErrorCatalog.UserNotFound;
        }

        if (SecondFactorEnrolment.Refusal(user) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var secret = TotpSecrets.NewSecret();
        var codes = TotpSecrets.NewRecoveryCodes();
        var added = await AddAsync(user, TotpSecrets.Seal(keys, user.UserId, secret, codes, verified: false, now, now.AddMinutes(minutes)), cancellationToken);
        if (!added.Succeeded)
        {
            return added.Error!;
        }

        var base32 = TotpSecrets.ToBase32(secret);
        CryptographicOperations.ZeroMemory(secret);
        var qrCode = TotpQrCode.PngDataUrl(TotpQrCode.OtpAuthUri(options.Issuer, AccountName(user), base32));
        return new CreatedTotp(user, added.Value, base32, qrCode, codes);
    }

    /// <summary>
    /// Stores a TOTP brought from another system, already verified: the owner set it up there, so
    /// the enrolment rule (which guards against binding a stranger's app) does not apply. Refused
    /// while the user has a verified TOTP. Bulk imports build the same rows with <see cref="TotpImport"/>.
    /// </summary>
    public async Task<Result<UserTotp>> ImportAsync(string userIdOrExternalId, string base32Secret, IReadOnlyList<string>? recoveryCodes, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(userIdOrExternalId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.UserNotFound;
        }

        var built = TotpImport.Build(keys, user.UserId, base32Secret, recoveryCodes, clock.GetUtcNow().UtcDateTime);
        return built.Succeeded ? await AddAsync(user, built.Value, cancellationToken) : built.Error!;
    }

    /// <summary>The user's live TOTPs (verified, or awaiting their first code) with their unused recovery codes.</summary>
    public async Task<Result<(User User, IReadOnlyList<TotpRecoveryCodes> Totps)>> RecoveryCodesAsync(string userIdOrExternalId, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(userIdOrExternalId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.UserNotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var live = user.Totps.Where(t => t.IsLiveAt(now)).OrderBy(t => t.CreatedAt).ToList();
        var unused = await totps.ListUnusedRecoveryCodesAsync(live.Select(t => t.TotpId).ToList(), cancellationToken);
        IReadOnlyList<TotpRecoveryCodes> listed = live.Select(totp => new TotpRecoveryCodes(
            totp,
            unused.Where(code => code.TotpId == totp.TotpId)
                .Select(code => TotpSecrets.OpenRecoveryCode(keys, code))
                .OfType<byte[]>()
                .Select(Encoding.UTF8.GetString)
                .ToList())).ToList();
        return (user, listed);
    }

    /// <summary>Removes a TOTP and its recovery codes; sessions it already authenticated keep their factor.</summary>
    public async Task<Result<User>> DeleteAsync(string totpId, CancellationToken cancellationToken)
    {
        if (!PrefixedId.IsValid(PrefixedId.Totp, totpId))
        {
            return ErrorCatalog.InvalidTotpId;
        }

        if (await totps.FindOwnerAsync(totpId, cancellationToken) is not { } userId
            || await users.FindAsync(userId, cancellationToken) is not { } user
            || user.Totps.FirstOrDefault(t => t.TotpId == totpId) is not { } totp)
        {
            return ErrorCatalog.TotpNotFound;
        }

        user.Totps.Remove(totp);
        if (totp.Verified)
        {
            // One never confirmed was never enrolled.
            sessionEvents.MfaRemoved(user.UserId, "totp", totp.TotpId);
        }

        return await users.SaveAsync(cancellationToken) is { } error ? error : user;
    }

    /// <summary>The name an authenticator app lists the account under: the user's first email, else phone, else id.</summary>
    public static string AccountName(User user) =>
        user.Emails.OrderBy(e => e.CreatedAt).Select(e => e.Address).FirstOrDefault()
        ?? user.Phones.OrderBy(p => p.CreatedAt).Select(p => p.Number).FirstOrDefault()
        ?? user.UserId;

    private async Task<Result<UserTotp>> AddAsync(User user, UserTotp totp, CancellationToken cancellationToken)
    {
        if (user.Totps.Any(t => t.Verified))
        {
            return ErrorCatalog.ActiveTotpExists;
        }

        // One TOTP awaiting its first code per user: a new enrolment replaces an unconfirmed one,
        // whose secret may have been shown to someone who never finished.
        user.Totps.RemoveAll(t => !t.Verified);
        user.Totps.Add(totp);
        return await users.SaveAsync(cancellationToken) is { } conflict ? conflict : totp;
    }
}
