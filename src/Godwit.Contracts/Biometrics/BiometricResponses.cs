using Godwit.Contracts.Sessions;
using Godwit.Contracts.Users;

namespace Godwit.Contracts.Biometrics;

/// <summary>The SDK's <c>BiometricRegistration</c> on the user object.</summary>
public sealed record BiometricRegistrationWire(string BiometricRegistrationId, bool Verified);

/// <summary>Register start and authenticate start: the challenge (base64) the device signs.</summary>
public sealed record BiometricChallengeResponse(string UserId, string BiometricRegistrationId, string Challenge) : ApiResponse;

/// <summary>Register and authenticate answer alike; the session is null when none was asked for.</summary>
public sealed record BiometricSessionResponse(
    string UserId,
    string BiometricRegistrationId,
    string SessionToken,
    string SessionJwt,
    UserWire User,
    SessionWire? Session) : ApiResponse;

public sealed record DeleteBiometricRegistrationResponse(string UserId, UserWire User) : ApiResponse;
