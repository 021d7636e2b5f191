using Godwit.Core.Sessions;

namespace Godwit.Core.WebAuthn;

internal static class WebAuthnFactors
{
    /// <summary>The session factor of a WebAuthn registration, in Stytch's type and delivery method.</summary>
    public static AuthenticationFactor For(WebAuthnRegistration registration, DateTime now) => new(
        "webauthn",
        "webauthn_registration",
        now,
        now,
        WebAuthnFactor: new WebAuthnFactor(registration.WebAuthnRegistrationId, registration.Domain, registration.UserAgent));
}
