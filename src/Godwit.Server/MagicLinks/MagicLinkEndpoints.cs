using Godwit.Contracts.MagicLinks;
using Godwit.Core.Errors;
using Godwit.Core.MagicLinks;
using Godwit.Server.Http;
using Godwit.Server.Sessions;
using Godwit.Server.Users;

namespace Godwit.Server.MagicLinks;

internal static class MagicLinkEndpoints
{
    public static void MapMagicLinkApi(this RouteGroupBuilder v1)
    {
        var magicLinks = v1.MapGroup("/magic_links");
        magicLinks.MapPost("/email/login_or_create", LoginOrCreateAsync);
        magicLinks.MapPost("/email/send", SendAsync);
        magicLinks.MapPost("/email/invite", InviteAsync);
        magicLinks.MapPost("/email/revoke_invite", RevokeInviteAsync);
        magicLinks.MapPost("/authenticate", AuthenticateAsync);
    }

    private static async Task<IResult> LoginOrCreateAsync(HttpRequest request, MagicLinkService magicLinks, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        PasswordlessRequests.ReadIgnoredFields(body);
        var command = new MagicLinkLoginOrCreateCommand(
            body.RequiredString("email", ErrorCatalog.InvalidEmail),
            ReadLink(body, "login"),
            ReadLink(body, "signup"),
            body.String("code_challenge", ErrorCatalog.InvalidCodeChallenge),
            // Stytch creates users as pending here unless told otherwise.
            body.Bool("create_user_as_pending") ?? true);
        return ApiResults.From(await magicLinks.LoginOrCreateAsync(command, cancellationToken), sent => new EmailLoginOrCreateResponse(sent.UserId, sent.MethodId, sent.UserCreated));
    }

    private static async Task<IResult> SendAsync(HttpRequest request, MagicLinkService magicLinks, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        PasswordlessRequests.ReadIgnoredFields(body);
        var command = new MagicLinkSendCommand(
            body.RequiredString("email", ErrorCatalog.InvalidEmail),
            ReadLink(body, "login"),
            ReadLink(body, "signup"),
            body.String("code_challenge", ErrorCatalog.InvalidCodeChallenge),
            PasswordlessRequests.ReadAttachTarget(body));
        return ApiResults.From(await magicLinks.SendAsync(command, cancellationToken), sent => new EmailSendResponse(sent.UserId, sent.MethodId));
    }

    private static async Task<IResult> InviteAsync(HttpRequest request, MagicLinkService magicLinks, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        PasswordlessRequests.ReadIgnoredFields(body);
        var command = new MagicLinkInviteCommand(
            body.RequiredString("email", ErrorCatalog.InvalidEmail),
            ReadLink(body, "invite"),
            UserEndpoints.ReadName(body),
            body.Object("trusted_metadata", ErrorCatalog.InvalidMetadata),
            body.Object("untrusted_metadata", ErrorCatalog.InvalidMetadata));
        return ApiResults.From(await magicLinks.InviteAsync(command, cancellationToken), sent => new EmailSendResponse(sent.UserId, sent.MethodId));
    }

    private static async Task<IResult> RevokeInviteAsync(HttpRequest request, MagicLinkService magicLinks, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        var error = await magicLinks.RevokeInviteAsync(body.RequiredString("email", ErrorCatalog.InvalidEmail), cancellationToken);
        return error is null ? ApiResults.Ok(new EmptyResponse()) : ApiResults.Error(error);
    }

    private static async Task<IResult> AuthenticateAsync(HttpRequest request, MagicLinkService magicLinks, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        PasswordlessRequests.ReadIgnoredFields(body);
        var command = new MagicLinkAuthenticateCommand(
            body.RequiredString("token", ErrorCatalog.InvalidToken),
            body.String("code_verifier", ErrorCatalog.BadRequest.WithMessage("code_verifier must be a string.")),
            SessionEndpoints.ReadSessionRequest(body));
        return ApiResults.From(await magicLinks.AuthenticateAsync(command, cancellationToken), authenticated => PasswordlessRequests.ToResponse(authenticated, clock));
    }

    /// <summary>Reads <c>{kind}_magic_link_url</c> and <c>{kind}_expiration_minutes</c>.</summary>
    private static LinkRequest ReadLink(JsonBody body, string kind) => new(
        body.String($"{kind}_magic_link_url", ErrorCatalog.InvalidUrl),
        body.Int($"{kind}_expiration_minutes", ErrorCatalog.InvalidExpirationMinutes));
}
