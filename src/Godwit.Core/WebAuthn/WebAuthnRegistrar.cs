using System.Security.Cryptography;
using System.Text;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;
using Godwit.Core.Errors;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.WebAuthn;

/// <summary>
/// Registration ceremonies (WebAuthn Level 2 §7.1): the options for navigator.credentials.create(),
/// then the checks of its answer. The Fido2 library performs the attestation steps; the steps Godwit
/// checks itself are numbered after the specification.
/// </summary>
public sealed class WebAuthnRegistrar(
    IUserStore users,
    IWebAuthnStore store,
    RelyingParties relyingParties,
    SessionService sessions,
    SessionEvents sessionEvents,
    WebAuthnOptions options,
    TimeProvider clock)
{
    public const int MaxUserAgentLength = 1024;

    /// <summary>WebAuthn §5.4.3: a user handle is at most 64 bytes.</summary>
    private const int MaxUserHandleBytes = 64;

    private const int MaxNameLength = 256;

    public async Task<Result<RegisterStarted>> StartAsync(RegisterStartCommand command, CancellationToken cancellationToken)
    {
        if (relyingParties.Find(command.Domain) is not { } party)
        {
            return ErrorCatalog.InvalidWebAuthnDomain;
        }

        if (CheckShape(command) is { } malformed)
        {
            return malformed;
        }

        if (await users.FindAsync(command.UserId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.UserNotFound;
        }

        if (WebAuthnEnrolment.Refusal(user) is { } refusal)
        {
            return refusal;
        }

        var passkey = command.ReturnPasskeyCredentialOptions;
        var creation = party.Fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User
            {
                Id = Encoding.UTF8.GetBytes(command.OverrideId ?? user.UserId),
                Name = command.OverrideName ?? WebAuthnEnrolment.AccountName(user),
                DisplayName = command.OverrideDisplayName ?? WebAuthnEnrolment.DisplayName(user),
            },
            // An authenticator that already holds one of this user's credentials for the domain declines to make another.
            ExcludeCredentials = user.WebAuthnRegistrations.Where(r => r.Domain == party.Id).Select(r => new PublicKeyCredentialDescriptor(r.CredentialId)).ToList(),
            AuthenticatorSelection = new AuthenticatorSelection
            {
                AuthenticatorAttachment = command.AuthenticatorType switch
                {
                    "platform" => AuthenticatorAttachment.Platform,
                    "cross-platform" => AuthenticatorAttachment.CrossPlatform,
                    _ => null,
                },
                ResidentKey = passkey ? ResidentKeyRequirement.Required : ResidentKeyRequirement.Discouraged,
                UserVerification = passkey ? UserVerificationRequirement.Preferred : UserVerificationRequirement.Discouraged,
            },
            AttestationPreference = AttestationConveyancePreference.None,
        });

        var now = clock.GetUtcNow().UtcDateTime;
        var json = creation.ToJson();
        await store.AddChallengeAsync(new WebAuthnChallenge
        {
            ChallengeId = Guid.CreateVersion7().ToString("D"),
            Ceremony = WebAuthnCeremony.Registration,
            UserId = user.UserId,
            Domain = party.Id,
            Challenge = creation.Challenge,
            Options = json,
            UserAgent = command.UserAgent ?? "",
            AuthenticatorType = command.AuthenticatorType ?? "",
            CreatedAt = now,
            ExpiresAt = now + options.ChallengeLifetime,
        }, cancellationToken);
        return new RegisterStarted(user.UserId, OptionsEncoding.Encode(json, command.UseBase64UrlEncoding));
    }

    public async Task<Result<WebAuthnAuthenticated>> RegisterAsync(RegisterCommand command, CancellationToken cancellationToken)
    {
        // Everything the request itself can get wrong is answered before the challenge is spent.
        if (SessionService.Validate(command.Session) is { } invalidSession)
        {
            return invalidSession;
        }

        var read = PublicKeyCredentialJson.ReadAttestation(command.PublicKeyCredential);
        if (!read.Succeeded)
        {
            return read.Error!;
        }

        var (raw, clientData) = read.Value;

        // §7.1 step 7: the client data must come from navigator.credentials.create().
        if (clientData.Type != "webauthn.create")
        {
            return ErrorCatalog.UnableToRegisterWebAuthn.WithMessage($"The client data type is '{clientData.Type}', not 'webauthn.create'.");
        }

        if (await users.FindAsync(command.UserId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.UserNotFound;
        }

        // §7.1 step 8: the challenge must be one Godwit issued for a registration by this user, still live.
        var now = clock.GetUtcNow().UtcDateTime;
        if (await store.FindChallengeAsync(clientData.Challenge, cancellationToken) is not { Ceremony: WebAuthnCeremony.Registration } challenge
            || challenge.UserId != user.UserId || challenge.ConsumedAt is not null || challenge.ExpiresAt <= now)
        {
            return ErrorCatalog.NoPendingWebAuthnRegistration;
        }

        if (relyingParties.Find(challenge.Domain) is not { } party)
        {
            return ErrorCatalog.InvalidWebAuthnDomain.WithMessage($"The domain {challenge.Domain} is no longer configured in Godwit:WebAuthn:RelyingPartyIds.");
        }

        // §7.1 step 9: the page that called create() must be an origin configured for this relying party;
        // a credential made for another site (a phishing page) stops here.
        if (!party.AllowsOrigin(clientData.Origin))
        {
            return ErrorCatalog.UnableToRegisterWebAuthn.WithMessage($"The credential was created on {clientData.Origin}, which is not among the origins configured for {party.Id}.");
        }

        // §7.1 step 9 (Level 3 adds topOrigin): Godwit expects no ceremony inside a cross-origin iframe.
        if (clientData.CrossOrigin || clientData.TopOrigin is not null)
        {
            return ErrorCatalog.UnableToRegisterWebAuthn.WithMessage("The credential was created inside a cross-origin frame.");
        }

        if (WebAuthnEnrolment.Refusal(user) is { } refusal)
        {
            return refusal;
        }

        // Single use: from here on the challenge is spent, whatever the verification says.
        if (!await store.TryConsumeChallengeAsync(challenge.ChallengeId, now, cancellationToken))
        {
            return ErrorCatalog.NoPendingWebAuthnRegistration;
        }

        var verified = await VerifyAsync(party, raw, challenge, cancellationToken);
        if (!verified.Succeeded)
        {
            return verified.Error!;
        }

        var credential = verified.Value;
        var registration = new WebAuthnRegistration
        {
            WebAuthnRegistrationId = PrefixedId.New(PrefixedId.WebAuthnRegistration),
            UserId = user.UserId,
            Domain = party.Id,
            UserAgent = challenge.UserAgent,
            AuthenticatorType = challenge.AuthenticatorType,
            CredentialId = credential.Id,
            PublicKey = credential.PublicKey,
            UserHandle = credential.User.Id,
            SignCount = credential.SignCount,
            CreatedAt = now,
        };
        user.WebAuthnRegistrations.Add(registration);
        if (await users.SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        var session = await sessions.RecordFactorAsync(user, WebAuthnFactors.For(registration, now), command.Session, cancellationToken);
        if (!session.Succeeded)
        {
            // A refused session leaves nothing behind: the registration goes again.
            user.WebAuthnRegistrations.Remove(registration);
            await users.SaveAsync(cancellationToken);
            return session.Error!;
        }

        // Once nothing can undo the registration; it commits with the end of the request.
        sessionEvents.MfaEnrolled(user.UserId, "webauthn", registration.WebAuthnRegistrationId);
        return new WebAuthnAuthenticated(registration, user, session.Value);
    }

    private async Task<Result<RegisteredPublicKeyCredential>> VerifyAsync(RelyingParty party, AuthenticatorAttestationRawResponse raw, WebAuthnChallenge challenge, CancellationToken cancellationToken)
    {
        // §7.1 step 12: CBOR-decode the attestation object. The library parses attacker-controlled bytes
        // and may fail with any exception type; every such failure is the client's malformed input.
        try
        {
            AuthenticatorAttestationResponse.Parse(raw);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return ErrorCatalog.PublicKeyCredentialMalformedAttestationObject;
        }

        try
        {
            return await party.Fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = raw,
                OriginalOptions = CredentialCreateOptions.FromJson(challenge.Options),
                // §7.1 step 22: the credential id must not be registered to any user yet. The unique index
                // on credential_id decides between two concurrent registrations of the same credential.
                IsCredentialIdUniqueToUserCallback = async (candidate, token) => !await store.CredentialIdTakenAsync(candidate.CredentialId, token),
            }, cancellationToken);
        }
        catch (Fido2VerificationException exception) when (exception.Code == Fido2ErrorCode.NonUniqueCredentialId)
        {
            return ErrorCatalog.DuplicateWebAuthnRegistration;
        }
        catch (Fido2VerificationException exception) when (exception.Code is Fido2ErrorCode.MalformedAttestationObject or Fido2ErrorCode.InvalidAttestationObject or Fido2ErrorCode.MissingAttestationObject)
        {
            return ErrorCatalog.PublicKeyCredentialMalformedAttestationObject;
        }
        catch (Fido2VerificationException exception)
        {
            return ErrorCatalog.UnableToRegisterWebAuthn.WithMessage($"The WebAuthn registration could not be verified: {exception.Message}");
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or ArgumentException or InvalidCastException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or NotSupportedException or System.Formats.Cbor.CborContentException)
        {
            // Malformed attestation statements (certificates, COSE keys) surface as these from the library.
            return ErrorCatalog.UnableToRegisterWebAuthn.WithMessage("The attestation statement is malformed and could not be verified.");
        }
    }

    private static ApiError? CheckShape(RegisterStartCommand command)
    {
        if (command.AuthenticatorType is not (null or "platform" or "cross-platform"))
        {
            return ErrorCatalog.InvalidAuthenticatorType;
        }

        if (command.UserAgent is { Length: > MaxUserAgentLength })
        {
            return ErrorCatalog.InvalidUserAgent;
        }

        if (command.OverrideId is { } overrideId && (overrideId.Length == 0 || Encoding.UTF8.GetByteCount(overrideId) > MaxUserHandleBytes))
        {
            return ErrorCatalog.BadRequest.WithMessage("override_id must be 1 to 64 bytes of UTF-8.");
        }

        return command.OverrideName is { Length: 0 or > MaxNameLength } || command.OverrideDisplayName is { Length: 0 or > MaxNameLength }
            ? ErrorCatalog.BadRequest.WithMessage("override_name and override_display_name must be 1 to 256 characters.")
            : null;
    }
}
