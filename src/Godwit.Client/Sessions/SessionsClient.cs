using Godwit.Client.Http;
using Godwit.Contracts.Sessions;

namespace Godwit.Client.Sessions;

/// <summary>Sessions: <c>/v1/sessions</c>, and local checks of session JWTs through the JWKS.</summary>
public sealed class SessionsClient
{
    private readonly ApiTransport transport;
    private readonly SessionJwtReader jwtReader;
    private readonly string projectId;

    internal SessionsClient(ApiTransport transport, SessionJwtReader jwtReader, string projectId)
    {
        this.transport = transport;
        this.jwtReader = jwtReader;
        this.projectId = projectId;
    }

    /// <summary>
    /// Authenticates a session by its token or its JWT (an expired JWT of a live session is
    /// exchanged for a fresh one), optionally extending it.
    /// </summary>
    public Task<AuthenticateSessionResponse> AuthenticateAsync(AuthenticateSessionRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "v1/sessions/authenticate", request, WireJson.Requests.AuthenticateSessionRequest, WireJson.Responses.AuthenticateSessionResponse, safeToRetry: true, cancellationToken);

    /// <summary>Lists a user's live sessions.</summary>
    public Task<GetSessionsResponse> GetAsync(string userId, CancellationToken cancellationToken = default) =>
        transport.GetAsync($"v1/sessions?user_id={Uri.EscapeDataString(userId)}", WireJson.Responses.GetSessionsResponse, cancellationToken);

    /// <summary>Revokes a session named by exactly one of its id, token or JWT.</summary>
    public Task<RevokeSessionResponse> RevokeAsync(RevokeSessionRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "v1/sessions/revoke", request, WireJson.Requests.RevokeSessionRequest, WireJson.Responses.RevokeSessionResponse, safeToRetry: false, cancellationToken);

    /// <summary>The project's public signing keys.</summary>
    public Task<JwksResponse> GetJwksAsync(CancellationToken cancellationToken = default) =>
        transport.GetAsync($"v1/sessions/jwks/{Uri.EscapeDataString(projectId)}", WireJson.Responses.JwksResponse, cancellationToken);

    /// <summary>
    /// Checks a session JWT without asking the API whether its session still lives: the signature
    /// against the cached JWKS (fetched again when the JWT names an unknown key), the audience,
    /// the issuer and the lifetime. A revoked session's JWT stays valid here until it expires
    /// (five minutes at most), or until <paramref name="maxTokenAge"/> after it was issued.
    /// </summary>
    public Task<SessionJwtCheck> AuthenticateJwtLocalAsync(string sessionJwt, TimeSpan? maxTokenAge = null, CancellationToken cancellationToken = default) =>
        jwtReader.CheckAsync(sessionJwt, maxTokenAge, this, cancellationToken);

    /// <summary>
    /// Checks a session JWT locally and, when it is genuine but stale (expired, or older than
    /// <paramref name="maxTokenAge"/>), asks the API, which returns a fresh JWT while the session
    /// lives. A JWT that is not genuine (malformed, signed by an unknown key, another project's) is
    /// refused here and never sent: whoever forges JWTs cannot make the application call the API
    /// once per forgery.
    /// </summary>
    /// <exception cref="GodwitApiException">
    /// The JWT is not genuine (<c>unable_to_parse_session_jwt</c>, with no request id), or the API
    /// refused the session (revoked, expired, not this project's).
    /// </exception>
    public async Task<SessionJwtAuthentication> AuthenticateJwtAsync(string sessionJwt, TimeSpan? maxTokenAge = null, CancellationToken cancellationToken = default)
    {
        var local = await AuthenticateJwtLocalAsync(sessionJwt, maxTokenAge, cancellationToken);
        if (local is { Status: SessionJwtStatus.Valid, Session: { } session })
        {
            return new SessionJwtAuthentication(session, sessionJwt, Remote: false, Response: null);
        }

        if (local.Status == SessionJwtStatus.Invalid)
        {
            // The answer the API gives such a JWT, without asking it.
            throw new GodwitApiException(
                400,
                "unable_to_parse_session_jwt",
                $"The session JWT was refused without asking the API: {local.Failure}",
                "https://stytch.com/docs/api-reference/consumer/api/errors/400#unable_to_parse_session_jwt",
                requestId: "");
        }

        var answer = await AuthenticateAsync(new AuthenticateSessionRequest { SessionJwt = sessionJwt }, cancellationToken);
        return new SessionJwtAuthentication(answer.Session, answer.SessionJwt, Remote: true, answer);
    }
}
