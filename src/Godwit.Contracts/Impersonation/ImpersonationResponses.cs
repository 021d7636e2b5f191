using Godwit.Contracts.Sessions;
using Godwit.Contracts.Users;

namespace Godwit.Contracts.Impersonation;

/// <summary>The minted token (shown once) and the id of its audit record.</summary>
public sealed record CreateImpersonationResponse(
    string ImpersonationId,
    string UserId,
    string ImpersonationToken,
    string ExpiresAt) : ApiResponse;

/// <summary>Stytch's answer: the user and the new impersonated session.</summary>
public sealed record ImpersonationAuthenticateResponse(
    string UserId,
    UserWire User,
    string SessionToken,
    string SessionJwt,
    SessionWire Session) : ApiResponse;

/// <summary>The audit records of a user's impersonations, newest first.</summary>
public sealed record ListImpersonationsResponse(IReadOnlyList<ImpersonationWire> Impersonations) : ApiResponse;

/// <summary>One impersonation: who asked, for whom, why, when, and the session it started if used.</summary>
public sealed record ImpersonationWire(
    string ImpersonationId,
    string UserId,
    string ImpersonatorId,
    string ImpersonatorEmailAddress,
    string Reason,
    string CreatedAt,
    string ExpiresAt,
    string? UsedAt,
    string? SessionId);
