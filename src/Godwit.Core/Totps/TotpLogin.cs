using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Microsoft.Extensions.Logging;
using OtpNet;

namespace Godwit.Core.Totps;

/// <summary>A TOTP code or recovery code accepted, and the session the factor landed in, if any.</summary>
public sealed record TotpAuthenticated(User User, string TotpId, IssuedSession? Session);

/// <summary>
/// Authenticating with an authenticator app's code or a recovery code. Both count attempts
/// against the TOTP before comparing, and consume what they accept with a conditional update, so
/// neither a code nor a recovery code works twice, even for simultaneous requests.
/// </summary>
public sealed partial class TotpLogin(IUserStore users, ITotpStore totps, SessionService sessions, LoginAttempt attempt, SessionEvents sessionEvents, ProjectKeys keys, TotpOptions options, TimeProvider clock, ILogger<TotpLogin> logger)
{
    /// <summary>One 30-second step either side of now, as Stytch accepts (RFC 6238 section 5.2's allowance for delay).</summary>
    private static readonly VerificationWindow OneStepEitherSide = new(previous: 1, future: 1);

    public async Task<Result<TotpAuthenticated>> AuthenticateAsync(string userIdOrExternalId, string code, SessionRequest session, CancellationToken cancellationToken)
    {
        // Request shape first: a malformed request costs the user no attempt.
        if (SessionService.Validate(session) is { } invalidSession)
        {
            return invalidSession;
        }

        if (!TotpSecrets.IsTotpCode(code))
        {
            return TotpSecrets.TryNormalizeRecoveryCode(code, out _) && code.Contains('-', StringComparison.Ordinal)
                ? ErrorCatalog.RecoveryCodeUsedAsTotpCode
                : ErrorCatalog.InvalidTotpCode;
        }

        var found = await FindTotpAsync(userIdOrExternalId, verifiedOnly: false, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var (user, totp) = found.Value;
        attempt.UserId = user.UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        if (await CountAttemptAsync(totp, now, cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        if (!Matches(totp, code, now, out var step))
        {
            return ErrorCatalog.UnableToAuthenticateTotp;
        }

        // The affected-row count decides: of two requests with the same code, one moves the step.
        if (!await totps.TryAcceptStepAsync(totp.TotpId, step, now, cancellationToken))
        {
            return ErrorCatalog.TotpCodeAlreadyAuthenticated;
        }

        if (!totp.Verified)
        {
            // The first code confirms the enrolment; the row was marked verified with the step.
            sessionEvents.MfaEnrolled(user.UserId, "totp", totp.TotpId);
        }

        // The database row is already verified; this keeps the response's user in step with it.
        totp.Verified = true;
        var factor = new AuthenticationFactor("totp", "authenticator_app", now, now, AuthenticatorAppFactor: new AuthenticatorAppFactor(totp.TotpId));
        return await RecordAsync(user, totp, factor, session, cancellationToken);
    }

    public async Task<Result<TotpAuthenticated>> RecoverAsync(string userIdOrExternalId, string recoveryCode, SessionRequest session, CancellationToken cancellationToken)
    {
        if (SessionService.Validate(session) is { } invalidSession)
        {
            return invalidSession;
        }

        if (TotpSecrets.IsTotpCode(recoveryCode.Trim()))
        {
            return ErrorCatalog.TotpCodeUsedAsRecoveryCode;
        }

        if (!TotpSecrets.TryNormalizeRecoveryCode(recoveryCode, out var normalized))
        {
            return ErrorCatalog.InvalidRecoveryCode;
        }

        var found = await FindTotpAsync(userIdOrExternalId, verifiedOnly: true, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var (user, totp) = found.Value;
        attempt.UserId = user.UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        if (await CountAttemptAsync(totp, now, cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        var codeId = await MatchRecoveryCodeAsync(totp, normalized, cancellationToken);
        if (codeId is null || !await totps.TryUseRecoveryCodeAsync(codeId, now, cancellationToken))
        {
            return ErrorCatalog.UnableToAuthenticateRecoveryCode;
        }

        await totps.ClearAttemptsAsync(totp.TotpId, cancellationToken);
        var factor = new AuthenticationFactor("recovery_codes", "recovery_code", now, now, RecoveryCodeFactor: new RecoveryCodeFactor(codeId));
        return await RecordAsync(user, totp, factor, session, cancellationToken);
    }

    /// <summary>The verified TOTP, else (for a first code) the one awaiting verification while it is live.</summary>
    private async Task<Result<(User User, UserTotp Totp)>> FindTotpAsync(string userIdOrExternalId, bool verifiedOnly, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(userIdOrExternalId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.UserNotFound;
        }

        var totp = user.Totps.FirstOrDefault(t => t.Verified) ?? (verifiedOnly ? null : user.Totps.FirstOrDefault());
        if (totp is null)
        {
            return ErrorCatalog.TotpNotFound;
        }

        return totp.IsLiveAt(clock.GetUtcNow().UtcDateTime) ? (user, totp) : ErrorCatalog.ExpiredTotp;
    }

    /// <summary>
    /// Counts the attempt before anything is compared, by a conditional update, so parallel
    /// guesses cannot exceed the limit between a read and a write.
    /// </summary>
    private async Task<ApiError?> CountAttemptAsync(UserTotp totp, DateTime now, CancellationToken cancellationToken)
    {
        var windowEnds = await totps.TryCountAttemptAsync(totp.TotpId, options.MaxAttempts, options.AttemptWindow, now, cancellationToken);
        return windowEnds is { } until
            ? ErrorCatalog.TooManyRequests
                .WithMessage("Too many TOTP or recovery code attempts for this user. Retry after the time in the Retry-After header.")
                .WithRetryAfter(until > now ? until - now : TimeSpan.FromSeconds(1))
            : null;
    }

    private bool Matches(UserTotp totp, string code, DateTime now, out long step)
    {
        step = 0;
        if (TotpSecrets.OpenSecret(keys, totp) is not { } secret)
        {
            // Sealed under another project secret: no code can be checked until the user enrols again.
            LogUndecryptable(logger, totp.TotpId);
            return false;
        }

        try
        {
            return new Totp(secret).VerifyTotp(now, code, out step, OneStepEitherSide);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>
    /// The id of the unused recovery code equal to <paramref name="normalized"/>, or null. Every code
    /// is opened and compared in fixed time, so the time taken tells nothing about near misses.
    /// </summary>
    private async Task<string?> MatchRecoveryCodeAsync(UserTotp totp, string normalized, CancellationToken cancellationToken)
    {
        var given = Encoding.UTF8.GetBytes(normalized);
        string? matched = null;
        foreach (var stored in await totps.ListUnusedRecoveryCodesAsync([totp.TotpId], cancellationToken))
        {
            var plain = TotpSecrets.OpenRecoveryCode(keys, stored) ?? [];
            if (CryptographicOperations.FixedTimeEquals(plain, given))
            {
                matched = stored.RecoveryCodeId;
            }

            CryptographicOperations.ZeroMemory(plain);
        }

        return matched;
    }

    private async Task<Result<TotpAuthenticated>> RecordAsync(User user, UserTotp totp, AuthenticationFactor factor, SessionRequest session, CancellationToken cancellationToken)
    {
        var issued = await sessions.RecordFactorAsync(user, factor, session, cancellationToken);
        return issued.Succeeded ? new TotpAuthenticated(user, totp.TotpId, issued.Value) : issued.Error!;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "TOTP {TotpId} cannot be decrypted with the configured project secret.")]
    private static partial void LogUndecryptable(ILogger logger, string totpId);
}
