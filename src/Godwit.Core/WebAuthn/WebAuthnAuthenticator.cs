using System.Security.Cryptography;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;
using Godwit.Core.Errors;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.WebAuthn;

/// <summary>
/// Authentication ceremonies (WebAuthn Level 2 §7.2): the options for navigator.credentials.get(),
/// then the checks of the assertion. The steps Godwit checks itself are numbered after the
/// specification; the Fido2 library checks the rpIdHash, the flags and the signature.
/// </summary>
public sealed class WebAuthnAuthenticator(
    IUserStore users,
    IWebAuthnStore store,
    RelyingParties relyingParties,
    SessionService sessions,
    LoginAttempt attempt,
    WebAuthnOptions options,
    TimeProvider clock)
{
    public async Task<Result<AuthenticateStarted>> StartAsync(AuthenticateStartCommand command, CancellationToken cancellationToken)
    {
        if (relyingParties.Find(command.Domain) is not { } party)
        {
            return ErrorCatalog.InvalidWebAuthnDomain;
        }

        // Without a user the login is a passkey login: the browser offers whatever discoverable
        // credential it holds for the domain, and the user is found from the credential.
        List<PublicKeyCredentialDescriptor> allowed = [];
        string? userId = null;
        if (!string.IsNullOrEmpty(command.UserId))
        {
            if (await users.FindAsync(command.UserId, cancellationToken) is not { } user)
            {
                return ErrorCatalog.UserNotFound;
            }

            allowed = user.WebAuthnRegistrations.Where(r => r.Domain == party.Id).Select(r => new PublicKeyCredentialDescriptor(r.CredentialId)).ToList();
            if (allowed.Count == 0)
            {
                return ErrorCatalog.NoActiveWebAuthnRegistrations;
            }

            userId = user.UserId;
        }

        var request = party.Fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = allowed,
            UserVerification = command.ReturnPasskeyCredentialOptions ? UserVerificationRequirement.Preferred : UserVerificationRequirement.Discouraged,
        });

        var now = clock.GetUtcNow().UtcDateTime;
        var json = request.ToJson();
        await store.AddChallengeAsync(new WebAuthnChallenge
        {
            ChallengeId = Guid.CreateVersion7().ToString("D"),
            Ceremony = WebAuthnCeremony.Authentication,
            UserId = userId,
            Domain = party.Id,
            Challenge = request.Challenge,
            Options = json,
            CreatedAt = now,
            ExpiresAt = now + options.ChallengeLifetime,
        }, cancellationToken);
        return new AuthenticateStarted(userId ?? "", OptionsEncoding.Encode(json, command.UseBase64UrlEncoding));
    }

    public async Task<Result<WebAuthnAuthenticated>> AuthenticateAsync(AuthenticateCommand command, CancellationToken cancellationToken)
    {
        if (SessionService.Validate(command.Session) is { } invalidSession)
        {
            return invalidSession;
        }

        var read = PublicKeyCredentialJson.ReadAssertion(command.PublicKeyCredential);
        if (!read.Succeeded)
        {
            return read.Error!;
        }

        var (raw, clientData) = read.Value;

        // §7.2 step 11: the client data must come from navigator.credentials.get().
        if (clientData.Type != "webauthn.get")
        {
            return ErrorCatalog.UnableToAuthWebAuthn.WithMessage($"The client data type is '{clientData.Type}', not 'webauthn.get'.");
        }

        // §7.2 step 12: the challenge must be one Godwit issued for a login, unused and unexpired.
        var now = clock.GetUtcNow().UtcDateTime;
        if (await store.FindChallengeAsync(clientData.Challenge, cancellationToken) is not { Ceremony: WebAuthnCeremony.Authentication } challenge
            || challenge.ConsumedAt is not null || challenge.ExpiresAt <= now)
        {
            return ErrorCatalog.UnableToAuthWebAuthn.WithMessage("The challenge is unknown, expired or already used. Call /v1/webauthn/authenticate/start again.");
        }

        if (relyingParties.Find(challenge.Domain) is not { } party)
        {
            return ErrorCatalog.InvalidWebAuthnDomain.WithMessage($"The domain {challenge.Domain} is no longer configured in Godwit:WebAuthn:RelyingPartyIds.");
        }

        // §7.2 step 13: the page that called get() must be an origin configured for this relying party.
        if (!party.AllowsOrigin(clientData.Origin))
        {
            return ErrorCatalog.UnableToAuthWebAuthn.WithMessage($"The assertion was made on {clientData.Origin}, which is not among the origins configured for {party.Id}.");
        }

        if (clientData.CrossOrigin || clientData.TopOrigin is not null)
        {
            return ErrorCatalog.UnableToAuthWebAuthn.WithMessage("The assertion was made inside a cross-origin frame.");
        }

        // §7.2 step 7: look the credential up by its id.
        if (await store.FindByCredentialIdAsync(raw.RawId, cancellationToken) is not { } registration)
        {
            return ErrorCatalog.WebAuthnRegistrationNotFound;
        }

        attempt.UserId = registration.UserId;
        var requestOptions = AssertionOptions.FromJson(challenge.Options);
        if (Ownership(registration, challenge, requestOptions, raw.Response.UserHandle) is { } notOwner)
        {
            return notOwner;
        }

        // Single use: from here on the challenge is spent, so a replayed assertion can never pass.
        if (!await store.TryConsumeChallengeAsync(challenge.ChallengeId, now, cancellationToken))
        {
            return ErrorCatalog.UnableToAuthWebAuthn.WithMessage("The challenge is unknown, expired or already used. Call /v1/webauthn/authenticate/start again.");
        }

        var verified = await VerifyAsync(party, raw, requestOptions, registration, cancellationToken);
        if (!verified.Succeeded)
        {
            return verified.Error!;
        }

        // §7.2 step 21: the library refused a counter that did not grow; the stored counter moves only
        // from the value this assertion was checked against, so two assertions with one value cannot both pass.
        var counter = verified.Value.SignCount;
        if (counter > 0 || registration.SignCount > 0)
        {
            if (!await store.TryAdvanceSignCountAsync(registration.WebAuthnRegistrationId, registration.SignCount, counter, cancellationToken))
            {
                return ErrorCatalog.UnableToAuthWebAuthn.WithMessage("The signature counter moved during this login; the authenticator may be cloned.");
            }

            registration.SignCount = counter;
        }

        if (await users.FindAsync(registration.UserId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.WebAuthnRegistrationNotFound;
        }

        var session = await sessions.RecordFactorAsync(user, WebAuthnFactors.For(registration, now), command.Session, cancellationToken);
        return session.Succeeded ? new WebAuthnAuthenticated(registration, user, session.Value) : session.Error!;
    }

    /// <summary>§7.2 steps 5 and 6: the credential is one the ceremony allowed, and belongs to the user it names.</summary>
    private static ApiError? Ownership(WebAuthnRegistration registration, WebAuthnChallenge challenge, AssertionOptions requestOptions, byte[]? userHandle)
    {
        // Step 5: when allowCredentials was given, the credential must be one of them.
        if (requestOptions.AllowCredentials is { Count: > 0 } allowed && !allowed.Any(c => c.Id.AsSpan().SequenceEqual(registration.CredentialId)))
        {
            return ErrorCatalog.UnableToAuthWebAuthn.WithMessage("This credential was not among those the login was started for.");
        }

        // The credential must be scoped to the domain the login was started for.
        if (registration.Domain != challenge.Domain)
        {
            return ErrorCatalog.UnableToAuthWebAuthn.WithMessage("This credential was registered for another domain.");
        }

        // Step 6: a user named in advance must own the credential; without one (a passkey login) the
        // user handle must be present and be the one the credential was registered with.
        if (challenge.UserId is not null && registration.UserId != challenge.UserId)
        {
            return ErrorCatalog.UnableToAuthWebAuthn.WithMessage("This credential belongs to another user.");
        }

        if (challenge.UserId is null && userHandle is null)
        {
            return ErrorCatalog.UnableToAuthWebAuthn.WithMessage("A passkey login needs the credential's userHandle.");
        }

        return userHandle is not null && !CryptographicOperations.FixedTimeEquals(userHandle, registration.UserHandle)
            ? ErrorCatalog.UnableToAuthWebAuthn.WithMessage("The userHandle does not belong to this credential.")
            : null;
    }

    private static async Task<Result<VerifyAssertionResult>> VerifyAsync(RelyingParty party, AuthenticatorAssertionRawResponse raw, AssertionOptions requestOptions, WebAuthnRegistration registration, CancellationToken cancellationToken)
    {
        try
        {
            AuthenticatorAssertionResponse.Parse(raw);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The authenticator data is attacker-controlled bytes; any parse failure is the client's.
            return ErrorCatalog.PublicKeyCredentialInvalidAuthenticatorData;
        }

        try
        {
            return await party.Fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = raw,
                OriginalOptions = requestOptions,
                StoredPublicKey = registration.PublicKey,
                StoredSignatureCounter = (uint)registration.SignCount,
                // Step 6 was checked above; the library asks again when a user handle is present.
                IsUserHandleOwnerOfCredentialIdCallback = (args, _) => Task.FromResult(CryptographicOperations.FixedTimeEquals(args.UserHandle, registration.UserHandle)),
            }, cancellationToken);
        }
        catch (Fido2VerificationException exception) when (exception.Code == Fido2ErrorCode.InvalidSignature)
        {
            return ErrorCatalog.PublicKeyCredentialInvalidSignature;
        }
        catch (Fido2VerificationException exception) when (exception.Code == Fido2ErrorCode.InvalidSignCount)
        {
            return ErrorCatalog.UnableToAuthWebAuthn.WithMessage("The signature counter did not grow; the authenticator may be cloned.");
        }
        catch (Fido2VerificationException exception)
        {
            return ErrorCatalog.UnableToAuthWebAuthn.WithMessage($"WebAuthn registration could not be authenticated: {exception.Message}");
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or ArgumentException or InvalidCastException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or NotSupportedException or System.Formats.Cbor.CborContentException)
        {
            // A signature that is not even well-formed for the key's algorithm surfaces as one of these.
            return ErrorCatalog.PublicKeyCredentialInvalidSignature;
        }
    }
}
