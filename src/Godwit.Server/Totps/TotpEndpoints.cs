using Godwit.Contracts.Totps;
using Godwit.Core.Errors;
using Godwit.Core.Totps;
using Godwit.Server.Http;
using Godwit.Server.OpenApi;
using Godwit.Server.Sessions;
using Godwit.Server.Users;

namespace Godwit.Server.Totps;

internal static class TotpEndpoints
{
    /// <summary>A TOTP's expiration has its own bounds, and so its own error, unlike a passcode's.</summary>
    private static readonly Dictionary<string, ApiError> TotpExpirationErrors = new() { ["expiration_minutes"] = ErrorCatalog.InvalidTotpExpiration };

    public static void MapTotpApi(this RouteGroupBuilder v1)
    {
        var totps = v1.MapGroup("/totps");
        totps.MapPost("", CreateAsync).AcceptsAndReturns<CreateTotpRequest, CreateTotpResponse>();
        totps.MapPost("/authenticate", AuthenticateAsync).AcceptsAndReturns<TotpAuthenticateRequest, TotpSessionResponse>().RecordsLogin(LoginRecording.Totp);
        totps.MapPost("/recovery_codes", RecoveryCodesAsync).AcceptsAndReturns<TotpRecoveryCodesRequest, TotpRecoveryCodesResponse>();
        totps.MapPost("/recover", RecoverAsync).AcceptsAndReturns<TotpRecoverRequest, TotpSessionResponse>().RecordsLogin(LoginRecording.RecoveryCode);
        v1.MapDelete("/users/totps/{totpId}", DeleteAsync).Returns<DeleteTotpResponse>();
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, TotpService totps, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<CreateTotpRequest>(request, cancellationToken, TotpExpirationErrors);
        var result = await totps.CreateAsync(body.UserId, body.ExpirationMinutes, cancellationToken);
        return ApiResults.From(result, created => new CreateTotpResponse(
            created.Totp.TotpId,
            created.Secret,
            created.QrCode,
            created.RecoveryCodes,
            UserWireMapper.ToWire(created.User, clock.GetUtcNow().UtcDateTime),
            created.User.UserId));
    }

    private static async Task<IResult> AuthenticateAsync(HttpRequest request, TotpLogin login, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<TotpAuthenticateRequest>(request, cancellationToken);
        var result = await login.AuthenticateAsync(body.UserId, body.TotpCode, SessionEndpoints.SessionRequestOf(body), cancellationToken);
        return ApiResults.From(result, authenticated => ToResponse(authenticated, clock));
    }

    private static async Task<IResult> RecoveryCodesAsync(HttpRequest request, TotpService totps, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<TotpRecoveryCodesRequest>(request, cancellationToken);
        var result = await totps.RecoveryCodesAsync(body.UserId, cancellationToken);
        return ApiResults.From(result, listed => new TotpRecoveryCodesResponse(
            listed.User.UserId,
            listed.Totps.Select(t => new TotpWithRecoveryCodesWire(t.Totp.TotpId, t.Totp.Verified, t.Codes)).ToList()));
    }

    private static async Task<IResult> RecoverAsync(HttpRequest request, TotpLogin login, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<TotpRecoverRequest>(request, cancellationToken);
        var result = await login.RecoverAsync(body.UserId, body.RecoveryCode, SessionEndpoints.SessionRequestOf(body), cancellationToken);
        return ApiResults.From(result, authenticated => ToResponse(authenticated, clock));
    }

    private static async Task<IResult> DeleteAsync(string totpId, HttpRequest request, TotpService totps, TimeProvider clock, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        return ApiResults.From(await totps.DeleteAsync(totpId, cancellationToken), user => new DeleteTotpResponse(user.UserId, UserWireMapper.ToWire(user, clock.GetUtcNow().UtcDateTime)));
    }

    private static TotpSessionResponse ToResponse(TotpAuthenticated authenticated, TimeProvider clock) => new(
        authenticated.User.UserId,
        authenticated.TotpId,
        authenticated.Session?.SessionToken ?? "",
        authenticated.Session?.SessionJwt ?? "",
        UserWireMapper.ToWire(authenticated.User, clock.GetUtcNow().UtcDateTime),
        authenticated.Session is { } issued ? SessionWireMapper.ToWire(issued.Session) : null);
}
