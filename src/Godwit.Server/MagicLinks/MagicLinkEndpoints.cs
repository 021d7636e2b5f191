using Godwit.Contracts.MagicLinks;
using Godwit.Core.Errors;
using Godwit.Core.MagicLinks;
using Godwit.Core.Users;
using Godwit.Server.Http;
using Godwit.Server.OpenApi;
using Godwit.Server.Sessions;
using Godwit.Server.Users;

namespace Godwit.Server.MagicLinks;

internal static class MagicLinkEndpoints
{
    // A magic link's expiration_minutes has the magic link's error, not the passcode's.
    private static readonly Dictionary<string, ApiError> LinkExpirationErrors = new() { ["expiration_minutes"] = ErrorCatalog.InvalidExpirationMinutes };

    public static void MapMagicLinkApi(this RouteGroupBuilder v1)
    {
        var magicLinks = v1.MapGroup("/magic_links");
        magicLinks.MapPost("", CreateEmbeddableAsync).AcceptsAndReturns<MagicLinkCreateRequest, MagicLinkCreateResponse>();
        magicLinks.MapPost("/email/login_or_create", LoginOrCreateAsync).AcceptsAndReturns<EmailLoginOrCreateRequest, EmailLoginOrCreateResponse>();
        magicLinks.MapPost("/email/send", SendAsync).AcceptsAndReturns<EmailSendRequest, EmailSendResponse>();
        magicLinks.MapPost("/email/invite", InviteAsync).AcceptsAndReturns<MagicLinkInviteRequest, EmailSendResponse>();
        magicLinks.MapPost("/email/revoke_invite", RevokeInviteAsync).AcceptsAndReturns<RevokeInviteRequest, EmptyResponse>();
        magicLinks.MapPost("/authenticate", AuthenticateAsync).AcceptsAndReturns<MagicLinkAuthenticateRequest, FactorAuthenticateResponse>().RecordsLogin(LoginRecording.MagicLink);
    }

    private static async Task<IResult> LoginOrCreateAsync(HttpRequest request, MagicLinkService magicLinks, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<EmailLoginOrCreateRequest>(request, cancellationToken);
        var command = new MagicLinkLoginOrCreateCommand(
            body.Email,
            new LinkRequest(body.LoginMagicLinkUrl, body.LoginExpirationMinutes),
            new LinkRequest(body.SignupMagicLinkUrl, body.SignupExpirationMinutes),
            body.CodeChallenge,
            // Stytch creates users as pending here unless told otherwise.
            body.CreateUserAsPending ?? true,
            body.Locale);
        return ApiResults.From(await magicLinks.LoginOrCreateAsync(command, cancellationToken), sent => new EmailLoginOrCreateResponse(sent.UserId, sent.MethodId, sent.UserCreated));
    }

    private static async Task<IResult> SendAsync(HttpRequest request, MagicLinkService magicLinks, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<EmailSendRequest>(request, cancellationToken);
        var command = new MagicLinkSendCommand(
            body.Email,
            new LinkRequest(body.LoginMagicLinkUrl, body.LoginExpirationMinutes),
            new LinkRequest(body.SignupMagicLinkUrl, body.SignupExpirationMinutes),
            body.CodeChallenge,
            new UserReference(body.UserId, body.SessionToken, body.SessionJwt),
            body.Locale);
        return ApiResults.From(await magicLinks.SendAsync(command, cancellationToken), sent => new EmailSendResponse(sent.UserId, sent.MethodId));
    }

    private static async Task<IResult> InviteAsync(HttpRequest request, MagicLinkService magicLinks, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<MagicLinkInviteRequest>(request, cancellationToken);
        var command = new MagicLinkInviteCommand(
            body.Email,
            new LinkRequest(body.InviteMagicLinkUrl, body.InviteExpirationMinutes),
            UserEndpoints.PersonNameOf(body.Name),
            body.TrustedMetadata,
            body.UntrustedMetadata,
            body.Locale);
        return ApiResults.From(await magicLinks.InviteAsync(command, cancellationToken), sent => new EmailSendResponse(sent.UserId, sent.MethodId));
    }

    private static async Task<IResult> RevokeInviteAsync(HttpRequest request, MagicLinkService magicLinks, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<RevokeInviteRequest>(request, cancellationToken);
        var error = await magicLinks.RevokeInviteAsync(body.Email, cancellationToken);
        return error is null ? ApiResults.Ok(new EmptyResponse()) : ApiResults.Error(error);
    }

    private static async Task<IResult> CreateEmbeddableAsync(HttpRequest request, EmbeddableMagicLinks embeddable, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<MagicLinkCreateRequest>(request, cancellationToken, LinkExpirationErrors);
        return ApiResults.From(await embeddable.CreateAsync(body.UserId, body.ExpirationMinutes, cancellationToken), link => new MagicLinkCreateResponse(link.UserId, link.Token));
    }

    private static async Task<IResult> AuthenticateAsync(HttpRequest request, MagicLinkService magicLinks, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<MagicLinkAuthenticateRequest>(request, cancellationToken);
        var command = new MagicLinkAuthenticateCommand(body.Token, body.CodeVerifier, SessionEndpoints.SessionRequestOf(body));
        return ApiResults.From(await magicLinks.AuthenticateAsync(command, cancellationToken), authenticated => PasswordlessRequests.ToResponse(authenticated, clock));
    }
}
