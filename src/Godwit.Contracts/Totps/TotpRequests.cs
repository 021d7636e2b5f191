using System.Text.Json.Nodes;
using Godwit.Contracts.Sessions;

namespace Godwit.Contracts.Totps;

/// <summary>TOTP create's body.</summary>
public sealed record CreateTotpRequest
{
    public required string UserId { get; init; }

    public int? ExpirationMinutes { get; init; }
}

/// <summary>TOTP authenticate's body.</summary>
public sealed record TotpAuthenticateRequest : ISessionFields
{
    public string? TelemetryId { get; init; }

    public required string UserId { get; init; }

    public required string TotpCode { get; init; }

    public int? SessionDurationMinutes { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }
}

/// <summary>TOTP recovery codes' body.</summary>
public sealed record TotpRecoveryCodesRequest
{
    public required string UserId { get; init; }
}

/// <summary>TOTP recover's body: a recovery code in place of the authenticator's.</summary>
public sealed record TotpRecoverRequest : ISessionFields
{
    public string? TelemetryId { get; init; }

    public required string UserId { get; init; }

    public required string RecoveryCode { get; init; }

    public int? SessionDurationMinutes { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }
}
