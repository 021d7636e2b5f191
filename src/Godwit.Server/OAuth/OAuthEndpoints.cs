using Godwit.Contracts.OAuth;
using Godwit.Core.Errors;
using Godwit.Core.OAuth;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Godwit.Server.Http;
using Godwit.Server.OpenApi;
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
        publicOAuth.MapGet("/{provider}/start", OAuthPublicEndpoints.StartAsync).Redirects("The provider's authorization page.")
            .WithQuery("public_token", "The project's public token.", required: true).WithQuery("login_redirect_url", "Where to send a returning user.")
            .WithQuery("signup_redirect_url", "Where to send a new user.").WithQuery("custom_scopes", "Extra scopes, space-separated.")
            .WithQuery("code_challenge", "PKCE challenge (S256).").WithQuery("oauth_attach_token", "Links the provider to an existing user.");
        publicOAuth.MapGet("/{provider}/callback", OAuthPublicEndpoints.CallbackAsync).Redirects("The application's redirect URL with token=<oauth token>&stytch_token_type=oauth, or error=<error_type>.")
            .WithQuery("state", "The state Godwit sent the provider.", required: true).WithQuery("code", "The provider's authorization code.");
        publicOAuth.MapPost("/{provider}/callback", OAuthPublicEndpoints.CallbackAsync).Redirects("As the GET callback, for providers that post their answer as a form (Apple).");

        v1.MapPost("/oauth/authenticate", AuthenticateAsync).AcceptsAndReturns<OAuthAuthenticateRequest, OAuthAuthenticateResponse>().RecordsLogin(LoginRecording.OAuth);
        v1.MapPost("/oauth/attach", AttachAsync).AcceptsAndReturns<OAuthAttachRequest, OAuthAttachResponse>();
        v1.MapDelete("/users/oauth/{oauthUserRegistrationId}", DeleteRegistrationAsync).Returns<DeleteOAuthRegistrationResponse>();
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
