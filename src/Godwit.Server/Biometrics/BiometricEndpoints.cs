using Godwit.Contracts.Biometrics;
using Godwit.Core.Biometrics;
using Godwit.Server.Http;
using Godwit.Server.OpenApi;
using Godwit.Server.Sessions;
using Godwit.Server.Users;

namespace Godwit.Server.Biometrics;

/// <summary>
/// Biometric keys under the paths and field names Stytch's mobile SDKs use (<c>/biometrics/register/start</c>,
/// <c>public_key</c>, <c>signature</c>, <c>biometric_registration_id</c>), called by an application's backend.
/// </summary>
internal static class BiometricEndpoints
{
    public static void MapBiometricApi(this RouteGroupBuilder v1)
    {
        var biometrics = v1.MapGroup("/biometrics");
        biometrics.MapPost("/register/start", RegisterStartAsync).AcceptsAndReturns<BiometricRegisterStartRequest, BiometricChallengeResponse>();
        biometrics.MapPost("/register", RegisterAsync).AcceptsAndReturns<BiometricSignedRequest, BiometricSessionResponse>();
        biometrics.MapPost("/authenticate/start", AuthenticateStartAsync).AcceptsAndReturns<BiometricAuthenticateStartRequest, BiometricChallengeResponse>();
        biometrics.MapPost("/authenticate", AuthenticateAsync).AcceptsAndReturns<BiometricSignedRequest, BiometricSessionResponse>().RecordsLogin(LoginRecording.Biometric);
        v1.MapDelete("/users/biometric_registrations/{biometricRegistrationId}", DeleteAsync).Returns<DeleteBiometricRegistrationResponse>();
    }

    private static async Task<IResult> RegisterStartAsync(HttpRequest request, BiometricService biometrics, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<BiometricRegisterStartRequest>(request, cancellationToken);
        var command = new BiometricRegisterStartCommand(body.PublicKey, body.UserId, body.SessionToken, body.SessionJwt);
        return ApiResults.From(await biometrics.RegisterStartAsync(command, cancellationToken), ToResponse);
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, BiometricService biometrics, TimeProvider clock, CancellationToken cancellationToken)
    {
        var command = await ReadSignedAsync(request, cancellationToken);
        return ApiResults.From(await biometrics.RegisterAsync(command, cancellationToken), registered => ToResponse(registered, clock));
    }

    private static async Task<IResult> AuthenticateStartAsync(HttpRequest request, BiometricService biometrics, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<BiometricAuthenticateStartRequest>(request, cancellationToken);
        var command = new BiometricAuthenticateStartCommand(body.PublicKey, body.BiometricRegistrationId);
        return ApiResults.From(await biometrics.AuthenticateStartAsync(command, cancellationToken), ToResponse);
    }

    private static async Task<IResult> AuthenticateAsync(HttpRequest request, BiometricService biometrics, TimeProvider clock, CancellationToken cancellationToken)
    {
        var command = await ReadSignedAsync(request, cancellationToken);
        return ApiResults.From(await biometrics.AuthenticateAsync(command, cancellationToken), authenticated => ToResponse(authenticated, clock));
    }

    private static async Task<IResult> DeleteAsync(string biometricRegistrationId, HttpRequest request, BiometricService biometrics, TimeProvider clock, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        return ApiResults.From(await biometrics.DeleteAsync(biometricRegistrationId, cancellationToken), user => new DeleteBiometricRegistrationResponse(
            user.UserId, UserWireMapper.ToWire(user, clock.GetUtcNow().UtcDateTime)));
    }

    private static async Task<BiometricSignedCommand> ReadSignedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<BiometricSignedRequest>(request, cancellationToken);
        return new BiometricSignedCommand(body.BiometricRegistrationId, body.Signature, SessionEndpoints.SessionRequestOf(body));
    }

    private static BiometricChallengeResponse ToResponse(BiometricChallengeIssued issued) =>
        new(issued.UserId, issued.BiometricRegistrationId, issued.Challenge);

    private static BiometricSessionResponse ToResponse(BiometricAuthenticated authenticated, TimeProvider clock) => new(
        authenticated.User.UserId,
        authenticated.Registration.BiometricRegistrationId,
        authenticated.Session?.SessionToken ?? "",
        authenticated.Session?.SessionJwt ?? "",
        UserWireMapper.ToWire(authenticated.User, clock.GetUtcNow().UtcDateTime),
        authenticated.Session is { } issued ? SessionWireMapper.ToWire(issued.Session) : null);
}
