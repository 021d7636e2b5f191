using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.Biometrics;

/// <summary>Starts a registration for the user named by <c>user_id</c> or by a session.</summary>
public sealed record BiometricRegisterStartCommand(string? PublicKey, string? UserId, string? SessionToken, string? SessionJwt);

/// <summary>Starts a login by the device's public key or by the registration id.</summary>
public sealed record BiometricAuthenticateStartCommand(string? PublicKey, string? BiometricRegistrationId);

/// <summary>Completes a registration or a login with the device's signature of the challenge.</summary>
public sealed record BiometricSignedCommand(string? BiometricRegistrationId, string? Signature, SessionRequest Session);

/// <summary>The challenge to sign, base64 as Stytch's mobile SDKs read it.</summary>
public sealed record BiometricChallengeIssued(string UserId, string BiometricRegistrationId, string Challenge);

public sealed record BiometricAuthenticated(BiometricRegistration Registration, User User, IssuedSession? Session);
