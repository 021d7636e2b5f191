using System.Text.Json.Nodes;
using Godwit.Contracts.Sessions;

namespace Godwit.Contracts.Biometrics;

/// <summary>Biometric register start's body: the device's public key and the user (by id or by session).</summary>
public sealed record BiometricRegisterStartRequest
{
    public string? PublicKey { get; init; }

    public string? UserId { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }
}

/// <summary>Biometric authenticate start's body: the device's public key or its registration.</summary>
public sealed record BiometricAuthenticateStartRequest
{
    public string? PublicKey { get; init; }

    public string? BiometricRegistrationId { get; init; }
}

/// <summary>Biometric register's and authenticate's body: the challenge, signed by the device.</summary>
public sealed record BiometricSignedRequest : ISessionFields
{
    public string? BiometricRegistrationId { get; init; }

    public string? Signature { get; init; }

    public int? SessionDurationMinutes { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }
}
