using System.Security.Cryptography;
using Godwit.Core.Errors;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.Biometrics;

/// <summary>
/// Biometric keys, the mobile second factor: a device key pair whose private half the device
/// releases only after its biometric prompt. Registration and login are each a challenge the device
/// signs; Godwit checks the signature with the registered public key.
/// </summary>
public sealed class BiometricService(IUserStore users, IBiometricStore store, SessionService sessions, SessionEvents sessionEvents, LoginAttempt attempt, UserResolver resolver, BiometricOptions options, TimeProvider clock)
{
    private const int ChallengeBytes = 32;

    public async Task<Result<BiometricChallengeIssued>> RegisterStartAsync(BiometricRegisterStartCommand command, CancellationToken cancellationToken)
    {
        var key = BiometricPublicKey.Parse(command.PublicKey);
        if (!key.Succeeded)
        {
            return key.Error!;
        }

        var owner = await FindOwnerAsync(command, cancellationToken);
        if (!owner.Succeeded)
        {
            return owner.Error!;
        }

        var user = owner.Value;
        if (BiometricEnrolment.Refusal(user) is { } refusal)
        {
            return refusal;
        }

        if (await store.FindByPublicKeyAsync(key.Value.Bytes, cancellationToken) is not null)
        {
            return ErrorCatalog.DuplicateBiometricRegistration;
        }

        return await IssueAsync(BiometricCeremony.Registration, PrefixedId.New(PrefixedId.BiometricRegistration), user.UserId, key.Value, cancellationToken);
    }

    public async Task<Result<BiometricAuthenticated>> RegisterAsync(BiometricSignedCommand command, CancellationToken cancellationToken)
    {
        var signed = CheckSigned(command);
        if (!signed.Succeeded)
        {
            return signed.Error!;
        }

        if (await store.FindLatestChallengeAsync(command.BiometricRegistrationId!, BiometricCeremony.Registration, cancellationToken) is not { } challenge)
        {
            return ErrorCatalog.BiometricRegistrationNotFound;
        }

        var key = new BiometricPublicKey(challenge.KeyType, challenge.PublicKey);
        if (key.CheckSignatureSize(signed.Value) is { } wrongSize)
        {
            return wrongSize;
        }

        if (await users.FindAsync(challenge.UserId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.BiometricRegistrationNotFound;
        }

        if (BiometricEnrolment.Refusal(user) is { } refusal)
        {
            return refusal;
        }

        // Spent before the signature is checked: a wrong signature costs the challenge, so no guess is tried twice.
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await store.TryConsumeChallengeAsync(challenge.ChallengeId, now, cancellationToken) || !key.Verify(challenge.Challenge, signed.Value))
        {
            return ErrorCatalog.UnableToRegisterBiometric;
        }

        var registration = new BiometricRegistration
        {
            BiometricRegistrationId = challenge.BiometricRegistrationId,
            UserId = user.UserId,
            KeyType = key.Type,
            PublicKey = key.Bytes,
            CreatedAt = now,
        };
        user.BiometricRegistrations.Add(registration);
        if (await users.SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        var session = await sessions.RecordFactorAsync(user, BiometricEnrolment.Factor(registration, now), command.Session, cancellationToken);
        if (!session.Succeeded)
        {
            // A refused session leaves nothing behind: the registration goes again.
            user.BiometricRegistrations.Remove(registration);
            await users.SaveAsync(cancellationToken);
            return session.Error!;
        }

        // Once nothing can undo the registration; it commits with the end of the request.
        sessionEvents.MfaEnrolled(user.UserId, "biometric", registration.BiometricRegistrationId);
        return new BiometricAuthenticated(registration, user, session.Value);
    }

    public async Task<Result<BiometricChallengeIssued>> AuthenticateStartAsync(BiometricAuthenticateStartCommand command, CancellationToken cancellationToken)
    {
        BiometricRegistration? registration;
        if (!string.IsNullOrEmpty(command.PublicKey))
        {
            var key = BiometricPublicKey.Parse(command.PublicKey);
            if (!key.Succeeded)
            {
                return key.Error!;
            }

            registration = await store.FindByPublicKeyAsync(key.Value.Bytes, cancellationToken);
            if (registration is not null && command.BiometricRegistrationId is { } named && named != registration.BiometricRegistrationId)
            {
                registration = null;
            }
        }
        else if (command.BiometricRegistrationId is { } registrationId)
        {
            if (!PrefixedId.IsValid(PrefixedId.BiometricRegistration, registrationId))
            {
                return ErrorCatalog.InvalidBiometricRegistrationId;
            }

            registration = await store.FindAsync(registrationId, cancellationToken);
        }
        else
        {
            return ErrorCatalog.PublicKeyMissing.WithMessage("Pass the device's public_key, or its biometric_registration_id.");
        }

        return registration is null
            ? ErrorCatalog.BiometricRegistrationNotFound
            : await IssueAsync(BiometricCeremony.Authentication, registration.BiometricRegistrationId, registration.UserId, new BiometricPublicKey(registration.KeyType, registration.PublicKey), cancellationToken);
    }

    public async Task<Result<BiometricAuthenticated>> AuthenticateAsync(BiometricSignedCommand command, CancellationToken cancellationToken)
    {
        var signed = CheckSigned(command);
        if (!signed.Succeeded)
        {
            return signed.Error!;
        }

        if (await store.FindAsync(command.BiometricRegistrationId!, cancellationToken) is not { } registration)
        {
            return ErrorCatalog.BiometricRegistrationNotFound;
        }

        attempt.UserId = registration.UserId;
        var key = new BiometricPublicKey(registration.KeyType, registration.PublicKey);
        if (key.CheckSignatureSize(signed.Value) is { } wrongSize)
        {
            return wrongSize;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (await store.FindLatestChallengeAsync(registration.BiometricRegistrationId, BiometricCeremony.Authentication, cancellationToken) is not { } challenge
            || !await store.TryConsumeChallengeAsync(challenge.ChallengeId, now, cancellationToken)
            || !key.Verify(challenge.Challenge, signed.Value))
        {
            return ErrorCatalog.UnableToAuthBiometric;
        }

        if (await users.FindAsync(registration.UserId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.BiometricRegistrationNotFound;
        }

        var session = await sessions.RecordFactorAsync(user, BiometricEnrolment.Factor(registration, now), command.Session, cancellationToken);
        return session.Succeeded ? new BiometricAuthenticated(registration, user, session.Value) : session.Error!;
    }

    public async Task<Result<User>> DeleteAsync(string biometricRegistrationId, CancellationToken cancellationToken)
    {
        if (!PrefixedId.IsValid(PrefixedId.BiometricRegistration, biometricRegistrationId))
        {
            return ErrorCatalog.InvalidBiometricRegistrationId;
        }

        if (await store.FindAsync(biometricRegistrationId, cancellationToken) is not { } found
            || await users.FindAsync(found.UserId, cancellationToken) is not { } user
            || user.BiometricRegistrations.Find(r => r.BiometricRegistrationId == biometricRegistrationId) is not { } registration)
        {
            return ErrorCatalog.BiometricRegistrationNotFound;
        }

        user.BiometricRegistrations.Remove(registration);
        sessionEvents.MfaRemoved(user.UserId, "biometric", registration.BiometricRegistrationId);
        return await users.SaveAsync(cancellationToken) is { } error ? error : user;
    }

    /// <summary>The request's own mistakes, answered before any challenge is looked up or spent.</summary>
    private static Result<byte[]> CheckSigned(BiometricSignedCommand command)
    {
        if (SessionService.Validate(command.Session) is { } invalidSession)
        {
            return invalidSession;
        }

        return PrefixedId.IsValid(PrefixedId.BiometricRegistration, command.BiometricRegistrationId)
            ? BiometricPublicKey.DecodeSignature(command.Signature)
            : ErrorCatalog.InvalidBiometricRegistrationId;
    }

    private async Task<Result<User>> FindOwnerAsync(BiometricRegisterStartCommand command, CancellationToken cancellationToken)
    {
        // An empty user_id counts as none: the session, if given, names the user.
        var userId = string.IsNullOrEmpty(command.UserId) ? null : command.UserId;
        var named = await resolver.FindAsync(new UserReference(userId, command.SessionToken, command.SessionJwt), cancellationToken);
        if (named.Succeeded)
        {
            return named.Value.User;
        }

        // The one mismatch error travels here under the name this endpoint has always answered.
        return named.Error == ErrorCatalog.SessionOfAnotherUser ? ErrorCatalog.UserIdMismatch : named.Error!;
    }

    private async Task<BiometricChallengeIssued> IssueAsync(BiometricCeremony ceremony, string registrationId, string userId, BiometricPublicKey key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var challenge = new BiometricChallenge
        {
            ChallengeId = Guid.CreateVersion7().ToString("D"),
            Ceremony = ceremony,
            BiometricRegistrationId = registrationId,
            UserId = userId,
            KeyType = key.Type,
            PublicKey = key.Bytes,
            Challenge = RandomNumberGenerator.GetBytes(ChallengeBytes),
            CreatedAt = now,
            ExpiresAt = now + options.ChallengeLifetime,
        };
        await store.AddChallengeAsync(challenge, now, cancellationToken);
        return new BiometricChallengeIssued(userId, registrationId, Convert.ToBase64String(challenge.Challenge));
    }
}
