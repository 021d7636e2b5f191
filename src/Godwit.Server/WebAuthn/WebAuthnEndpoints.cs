using System.Text.Json;
using Godwit.Contracts.WebAuthn;
using Godwit.Core.Errors;
using Godwit.Core.WebAuthn;
using Godwit.Server.Http;
using Godwit.Server.Sessions;
using Godwit.Server.Users;

namespace Godwit.Server.WebAuthn;

internal static class WebAuthnEndpoints
{
    public static void MapWebAuthnApi(this RouteGroupBuilder v1)
    {
        var webauthn = v1.MapGroup("/webauthn");
        webauthn.MapPost("/register/start", RegisterStartAsync);
        webauthn.MapPost("/register", RegisterAsync);
        webauthn.MapPost("/authenticate/start", AuthenticateStartAsync);
        webauthn.MapPost("/authenticate", AuthenticateAsync);
        webauthn.MapPut("/{webauthnRegistrationId}", UpdateAsync);
        webauthn.MapGet("/credentials/{userId}/{domain}", ListCredentialsAsync);
        v1.MapDelete("/users/webauthn_registrations/{webauthnRegistrationId}", DeleteAsync);
    }

    private static async Task<IResult> RegisterStartAsync(HttpRequest request, WebAuthnRegistrar registrar, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        var command = new RegisterStartCommand(
            body.RequiredString("user_id", ErrorCatalog.InvalidUserId),
            body.RequiredString("domain", ErrorCatalog.InvalidWebAuthnDomain),
            body.String("user_agent", ErrorCatalog.InvalidUserAgent),
            body.String("authenticator_type", ErrorCatalog.InvalidAuthenticatorType),
            body.Bool("return_passkey_credential_options") ?? false,
            body.String("override_id", ErrorCatalog.BadRequest.WithMessage("override_id must be a string.")),
            body.String("override_name", ErrorCatalog.BadRequest.WithMessage("override_name must be a string.")),
            body.String("override_display_name", ErrorCatalog.BadRequest.WithMessage("override_display_name must be a string.")),
            body.Bool("use_base64_url_encoding") ?? false);
        return ApiResults.From(await registrar.StartAsync(command, cancellationToken), started => new WebAuthnRegisterStartResponse(started.UserId, started.CreationOptions));
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, WebAuthnRegistrar registrar, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        body.String("telemetry_id", ErrorCatalog.BadRequest.WithMessage("telemetry_id must be a string."));
        var command = new RegisterCommand(
            body.RequiredString("user_id", ErrorCatalog.InvalidUserId),
            ReadCredential(body),
            SessionEndpoints.ReadSessionRequest(body));
        return ApiResults.From(await registrar.RegisterAsync(command, cancellationToken), registered => WebAuthnWireMapper.ToResponse(registered, clock.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> AuthenticateStartAsync(HttpRequest request, WebAuthnAuthenticator authenticator, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        var command = new AuthenticateStartCommand(
            body.RequiredString("domain", ErrorCatalog.InvalidWebAuthnDomain),
            body.String("user_id", ErrorCatalog.InvalidUserId),
            body.Bool("return_passkey_credential_options") ?? false,
            body.Bool("use_base64_url_encoding") ?? false);
        return ApiResults.From(await authenticator.StartAsync(command, cancellationToken), started => new WebAuthnAuthenticateStartResponse(started.UserId, started.RequestOptions));
    }

    private static async Task<IResult> AuthenticateAsync(HttpRequest request, WebAuthnAuthenticator authenticator, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        body.String("telemetry_id", ErrorCatalog.BadRequest.WithMessage("telemetry_id must be a string."));
        var command = new AuthenticateCommand(ReadCredential(body), SessionEndpoints.ReadSessionRequest(body));
        return ApiResults.From(await authenticator.AuthenticateAsync(command, cancellationToken), authenticated => WebAuthnWireMapper.ToResponse(authenticated, clock.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> UpdateAsync(string webauthnRegistrationId, HttpRequest request, WebAuthnRegistrations registrations, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        var name = body.String("name", ErrorCatalog.EmptyWebAuthnRegistrationName);
        return ApiResults.From(await registrations.RenameAsync(webauthnRegistrationId, name, cancellationToken), renamed => new WebAuthnUpdateResponse(WebAuthnWireMapper.ToWire(renamed)));
    }

    private static async Task<IResult> ListCredentialsAsync(string userId, string domain, HttpRequest request, WebAuthnRegistrations registrations, CancellationToken cancellationToken)
    {
        await JsonBody.ReadAsync(request, cancellationToken);
        return ApiResults.From(await registrations.ListCredentialsAsync(userId, domain, cancellationToken), credentials => new WebAuthnListCredentialsResponse(
            credentials.Select(c => new WebAuthnCredentialWire(c.CredentialId, c.WebAuthnRegistrationId, c.Type, c.PublicKey)).ToList()));
    }

    private static async Task<IResult> DeleteAsync(string webauthnRegistrationId, HttpRequest request, WebAuthnRegistrations registrations, TimeProvider clock, CancellationToken cancellationToken)
    {
        await JsonBody.ReadAsync(request, cancellationToken);
        return ApiResults.From(await registrations.DeleteAsync(webauthnRegistrationId, cancellationToken), user => new DeleteWebAuthnRegistrationResponse(
            user.UserId, UserWireMapper.ToWire(user, clock.GetUtcNow().UtcDateTime)));
    }

    /// <summary>
    /// The SDKs send the credential as a JSON string; a JSON object (as Stytch's reference shows it)
    /// is taken as its own text.
    /// </summary>
    private static string? ReadCredential(JsonBody body) => body.Field("public_key_credential") switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Object } json => json.GetRawText(),
        _ => throw new RequestRejectedException(ErrorCatalog.InvalidPublicKeyCredential.WithMessage("public_key_credential must be the credential's JSON, as a string.")),
    };
}
