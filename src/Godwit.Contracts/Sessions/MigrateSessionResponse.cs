using Godwit.Contracts.Users;

namespace Godwit.Contracts.Sessions;

/// <summary>The SDK's <c>SessionsMigrateResponse</c>.</summary>
public sealed record MigrateSessionResponse(string UserId, string SessionToken, string SessionJwt, UserWire User, SessionWire? Session) : ApiResponse;
