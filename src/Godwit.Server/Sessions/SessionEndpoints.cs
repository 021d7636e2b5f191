using Godwit.Contracts.MagicLinks;
using Godwit.Contracts.Sessions;
using Godwit.Core.Errors;
using Godwit.Core.Rbac;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Server.Hosting;
using Godwit.Server.Http;
using Godwit.Server.OpenApi;
using Godwit.Server.Users;

namespace Godwit.Server.Sessions;

internal static class SessionEndpoints
{
    public static void MapSessionApi(this RouteGroupBuilder v1)
    {
        var sessions = v1.MapGroup("/sessions");
        sessions.MapGet("", ListAsync).Returns<GetSessionsResponse>().WithQuery("user_id", "The user whose active sessions to list.", required: true);
        sessions.MapPost("/authenticate", AuthenticateAsync).AcceptsAndReturns<AuthenticateSessionRequest, AuthenticateSessionResponse>();
        sessions.MapPost("/revoke", RevokeAsync).AcceptsAndReturns<RevokeSessionRequest, EmptyResponse>();
    }

    /// <summary>The JWKS is public: the SDK fetches it without credentials.</summary>
    public static void MapJwks(this IEndpointRouteBuilder app) => app.MapGet("/v1/sessions/jwks/{projectId}", JwksAsync).Returns<JwksResponse>();

    /// <summary>The session fields every authenticate call accepts.</summary>
    public static SessionRequest SessionRequestOf(ISessionFields body) =>
        new(body.SessionDurationMinutes, body.SessionToken, body.SessionJwt, body.SessionCustomClaims);

    private static async Task<IResult> AuthenticateAsync(HttpRequest request, SessionService sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<AuthenticateSessionRequest>(request, cancellationToken);
        var authorization = body.AuthorizationCheck is { } check ? new AuthorizationCheck(check.ResourceId, check.Action) : null;
        var result = await sessions.AuthenticateAsync(SessionRequestOf(body), authorization, cancellationToken);
        return ApiResults.From(result, authenticated => new AuthenticateSessionResponse(
            SessionWireMapper.ToWire(authenticated.Issued.Session),
            authenticated.Issued.SessionToken,
            authenticated.Issued.SessionJwt,
            UserWireMapper.ToWire(authenticated.User, clock.GetUtcNow().UtcDateTime))
        {
            Verdict = authenticated.GrantingRoles is { } granting ? new SessionAuthorizationVerdict(true, granting) : null,
        });
    }

    private static async Task<IResult> ListAsync(HttpRequest request, SessionService sessions, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        var userId = request.Query["user_id"].ToString();
        if (string.IsNullOrEmpty(userId))
        {
            return ApiResults.Error(ErrorCatalog.InvalidUserId.WithMessage("Pass the user_id query parameter."));
        }

        return ApiResults.From(await sessions.ListAsync(userId, cancellationToken), list => new GetSessionsResponse(list.Select(SessionWireMapper.ToWire).ToList()));
    }

    private static async Task<IResult> RevokeAsync(HttpRequest request, SessionService sessions, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<RevokeSessionRequest>(request, cancellationToken);
        var error = await sessions.RevokeAsync(body.SessionId, body.SessionToken, body.SessionJwt, cancellationToken);
        return error is null ? ApiResults.Ok(new EmptyResponse()) : ApiResults.Error(error);
    }

    private static async Task<IResult> JwksAsync(string projectId, SigningKeyRing keys, ISigningKeyStore store, ResolvedProject project, CancellationToken cancellationToken)
    {
        if (projectId != project.ProjectId)
        {
            return ApiResults.Error(ErrorCatalog.InvalidProjectId);
        }

        await keys.RefreshIfStaleAsync(store, cancellationToken);
        return ApiResults.Ok(new JwksResponse(keys.PublishedKeys.Select(key =>
        {
            var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
            return new JwkWire("RSA", "sig", ["verify"], "RS256", key.Kid, [], "", SecretTokens.Base64Url(parameters.Modulus), SecretTokens.Base64Url(parameters.Exponent));
        }).ToList()));
    }
}
