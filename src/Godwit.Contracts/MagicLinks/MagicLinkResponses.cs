using Godwit.Contracts.Sessions;
using Godwit.Contracts.Users;

namespace Godwit.Contracts.MagicLinks;

public sealed record EmailLoginOrCreateResponse(string UserId, string EmailId, bool UserCreated) : ApiResponse;

public sealed record EmailSendResponse(string UserId, string EmailId) : ApiResponse;

public sealed record EmptyResponse : ApiResponse;

/// <summary>What authenticating any primary factor returns (magic link or passcode).</summary>
public sealed record FactorAuthenticateResponse(
    string UserId,
    string MethodId,
    string SessionToken,
    string SessionJwt,
    UserWire User,
    bool ResetSessions,
    SessionWire? Session) : ApiResponse;

/// <summary>An embeddable magic link: the token to authenticate with /v1/magic_links/authenticate.</summary>
public sealed record MagicLinkCreateResponse(string UserId, string Token) : ApiResponse;
