using System.Text.Json;
using Godwit.Contracts.WebAuthn;
using Godwit.Core.Errors;
using Godwit.Core.WebAuthn;
using Godwit.Server.Http;
using Godwit.Server.OpenApi;
using Godwit.Server.Sessions;
using Godwit.Server.Users;

namespace Godwit.Server.WebAuthn;

internal static class WebAuthnEndpoints
{
    /// <summary>Here <c>name</c> is the registration's, a string, not a person's name object.</summary>
    private static readonly Dictionary<string, ApiError> RegistrationNameErrors = new() { ["name"] = ErrorCatalog.EmptyWebAuthnRegistrationName };

    public static void MapWebAuthnApi(this RouteGroupBuilder v1)
    {
        var webauthn = v1.MapGroup("/webauthn");
        webauthn.MapPost("/register/start", RegisterStartAsync).AcceptsAndReturns<WebAuthnRegisterStartRequest, WebAuthnRegisterStartResponse>();
        webauthn.MapPost("/register", RegisterAsync).AcceptsAndReturns<WebAuthnRegisterRequest, WebAuthnSessionResponse>();
        webauthn.MapPost("/authenticate/start", AuthenticateStartAsync).AcceptsAndReturns<WebAuthnAuthenticateStartRequest, WebAuthnAuthenticateStartResponse>();
        webauthn.MapPost("/authenticate", AuthenticateAsync).AcceptsAndReturns<WebAuthnAuthenticateRequest, WebAuthnSessionResponse>().RecordsLogin(LoginRecording.WebAuthn);
        webauthn.MapPut("/{webauthnRegistrationId}", UpdateAsync).AcceptsAndReturns<WebAuthnUpdateRequest, WebAuthnUpdateResponse>();
        webauthn.MapGet("/credentials/{userId}/{domain}", ListCredentialsAsync).Returns<WebAuthnListCredentialsResponse>();
        v1.MapDelete("/users/webauthn_registrations/{webauthnRegistrationId}", DeleteAsync).Returns<DeleteWebAuthnRegistrationResponse>();
    }

    private static async Task<IResult> RegisterStartAsync(HttpRequest request, WebAuthnRegistrar registrar, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<WebAuthnRegisterStartRequest>(request, cancellationToken);
        var command = new RegisterStartCommand(
            body.UserId,
            body.Domain,
            body.UserAgent,
            body.AuthenticatorType,
            body.ReturnPasskeyCredentialOptions ?? false,
            body.OverrideId,
            body.OverrideName,
            body.OverrideDisplayName,
            body.UseBase64UrlEncoding ?? false);
        return ApiResults.From(await registrar.StartAsync(command, cancellationToken), started => new WebAuthnRegisterStartResponse(started.UserId, started.CreationOptions));
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, WebAuthnRegistrar registrar, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<WebAuthnRegisterRequest>(request, cancellationToken);
        var command = new RegisterCommand(body.UserId, CredentialText(body.PublicKeyCredential), SessionEndpoints.SessionRequestOf(body));
        return ApiResults.From(await registrar.RegisterAsync(command, cancellationToken), registered => WebAuthnWireMapper.ToResponse(registered, clock.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> AuthenticateStartAsync(HttpRequest request, WebAuthnAuthenticator authenticator, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<WebAuthnAuthenticateStartRequest>(request, cancellationToken);
        var command = new AuthenticateStartCommand(body.Domain, body.UserId, body.ReturnPasskeyCredentialOptions ?? false, body.UseBase64UrlEncoding ?? false);
        return ApiResults.From(await authenticator.StartAsync(command, cancellationToken), started => new WebAuthnAuthenticateStartResponse(started.UserId, started.RequestOptions));
    }

    private static async Task<IResult> AuthenticateAsync(HttpRequest request, WebAuthnAuthenticator authenticator, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<WebAuthnAuthenticateRequest>(request, cancellationToken);
        var command = new AuthenticateCommand(CredentialText(body.PublicKeyCredential), SessionEndpoints.SessionRequestOf(body));
        return ApiResults.From(await authenticator.AuthenticateAsync(command, cancellationToken), authenticated => WebAuthnWireMapper.ToResponse(authenticated, clock.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> UpdateAsync(string webauthnRegistrationId, HttpRequest request, WebAuthnRegistrations registrations, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<WebAuthnUpdateRequest>(request, cancellationToken, RegistrationNameErrors);
        return ApiResults.From(await registrations.RenameAsync(webauthnRegistrationId, body.Name, cancellationToken), renamed => new WebAuthnUpdateResponse(WebAuthnWireMapper.ToWire(renamed)));
    }

    private static async Task<IResult> ListCredentialsAsync(string userId, string domain, HttpRequest request, WebAuthnRegistrations registrations, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        return ApiResults.From(await registrations.ListCredentialsAsync(userId, domain, cancellationToken), credentials => new WebAuthnListCredentialsResponse(
            credentials.Select(c => new WebAuthnCredentialWire(c.CredentialId, c.WebAuthnRegistrationId, c.Type, c.PublicKey)).ToList()));
    }

    private static async Task<IResult> DeleteAsync(string webauthnRegistrationId, HttpRequest request, WebAuthnRegistrations registrations, TimeProvider clock, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        return ApiResults.From(await registrations.DeleteAsync(webauthnRegistrationId, cancellationToken), user => new DeleteWebAuthnRegistrationResponse(
            user.UserId, UserWireMapper.ToWire(user, clock.GetUtcNow().UtcDateTime)));
    }

    /// <summary>The credential's JSON text: a string as sent, or an object's own text.</summary>
    private static string? CredentialText(JsonElement? credential) => credential switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Object } json => json.GetRawText(),
        _ => throw new RequestRejectedException(WireErrors.For("public_key_credential")),
    };
}
