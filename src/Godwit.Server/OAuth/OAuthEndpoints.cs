using Godwit.Contracts.OAuth;
using Godwit.Core.Errors;
using Godwit.Core.OAuth;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Godwit.Server.Http;
using Godwit.Server.Sessions;
using Godwit.Server.Users;

using Godwit.Server.Events;

namespace Godwit.Server.OAuth;

internal static class OAuthEndpoints
{
    /// <summary>
    /// Maps the public start and callback (outside Basic auth, like the JWKS) and the backend's
    /// calls under the authenticated <c>/v1</c> group.
    /// </summary>
    public static void MapGodwitOAuth(this IEndpointRouteBuilder app, RouteGroupBuilder v1)
    {
        var publicOAuth = app.MapGroup("/v1/public/oauth").RecordEventsAsUser();
        publicOAuth.MapGet("/{provider}/start", OAuthPublicEndpoints.StartAsync);
        publicOAuth.MapGet("/{provider}/callback", OAuthPublicEndpoints.CallbackAsync);
        publicOAuth.MapPost("/{provider}/callback", OAuthPublicEndpoints.CallbackAsync);

        v1.MapPost("/oauth/authenticate", AuthenticateAsync).RecordsLogin(LoginRecording.OAuth);
        v1.MapPost("/oauth/attach", AttachAsync);
        v1.MapDelete("/users/oauth/{oauthUserRegistrationId}", DeleteRegistrationAsync);
    }

    private static async Task<IResult> AuthenticateAsync(HttpRequest request, OAuthAuthentication authentication, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<OAuthAuthenticateRequest>(request, cancellationToken);
        var command = new OAuthAuthenticateCommand(body.Token, body.CodeVerifier, SessionEndpoints.SessionRequestOf(body));
        return ApiResults.From(await authentication.AuthenticateAsync(command, cancellationToken), authenticated => ToResponse(authenticated, clock));
    }

    private static async Task<IResult> AttachAsync(HttpRequest request, IEnumerable<IOAuthProvider> providers, OAuthStarts starts, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<OAuthAttachRequest>(request, cancellationToken);
        if (OAuthPublicEndpoints.Find(providers, body.Provider) is not { } provider)
        {
            return ApiResults.Error(ErrorCatalog.InvalidOAuthAttachProvider);
        }

        var token = await starts.AttachAsync(provider.PathSegment, new UserReference(body.UserId, body.SessionToken, body.SessionJwt), cancellationToken);
        return ApiResults.From(token, attachToken => new OAuthAttachResponse(attachToken));
    }

    private static async Task<IResult> DeleteRegistrationAsync(string oauthUserRegistrationId, HttpRequest request, OAuthRegistrations registrations, TimeProvider clock, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        return ApiResults.From(
            await registrations.DeleteAsync(oauthUserRegistrationId, cancellationToken),
            user => new DeleteOAuthRegistrationResponse(user.UserId, UserWireMapper.ToWire(user, clock.GetUtcNow().UtcDateTime)));
    }

    private static OAuthAuthenticateResponse ToResponse(OAuthAuthenticated authenticated, TimeProvider clock)
    {
        var (user, grant, tokens, session) = authenticated;
        return new OAuthAuthenticateResponse(
            user.UserId,
            grant.ProviderSubject!,
            grant.Provider,
            session?.SessionToken ?? "",
            session?.SessionJwt ?? "",
            new OAuthProviderValuesWire(tokens.AccessToken, tokens.RefreshToken, tokens.IdToken, tokens.Scopes, tokens.ExpiresAt is { } expires ? SessionJwts.Rfc3339(expires) : null),
            UserWireMapper.ToWire(user, clock.GetUtcNow().UtcDateTime),
            grant.ResetSessions,
            grant.OAuthRegistrationId!,
            session is { } issued ? SessionWireMapper.ToWire(issued.Session) : null);
    }
}
