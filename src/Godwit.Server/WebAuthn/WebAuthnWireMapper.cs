using Godwit.Contracts.WebAuthn;
using Godwit.Core.WebAuthn;
using Godwit.Server.Sessions;
using Godwit.Server.Users;

namespace Godwit.Server.WebAuthn;

internal static class WebAuthnWireMapper
{
    /// <summary>Only completed registrations are stored, so each is verified.</summary>
    public static WebAuthnRegistrationWire ToWire(WebAuthnRegistration registration) => new(
        registration.WebAuthnRegistrationId, registration.Domain, registration.UserAgent, Verified: true, registration.AuthenticatorType, registration.Name);

    public static WebAuthnSessionResponse ToResponse(WebAuthnAuthenticated authenticated, DateTime now) => new(
        authenticated.User.UserId,
        authenticated.Registration.WebAuthnRegistrationId,
        authenticated.Session?.SessionToken ?? "",
        authenticated.Session?.SessionJwt ?? "",
        UserWireMapper.ToWire(authenticated.User, now),
        authenticated.Session is { } issued ? SessionWireMapper.ToWire(issued.Session) : null);
}
