using Godwit.Contracts.Totps;
using Godwit.Core.Errors;
using Godwit.Core.Totps;
using Godwit.Server.Http;
using Godwit.Server.Sessions;
using Godwit.Server.Users;

namespace Godwit.Server.Totps;

internal static class TotpEndpoints
{
    public static void MapTotpApi(this RouteGroupBuilder v1)
    {
        var totps = v1.MapGroup("/totps");
        totps.MapPost("", CreateAsync);
        totps.MapPost("/authenticate", AuthenticateAsync);
        totps.MapPost("/recovery_codes", RecoveryCodesAsync);
        totps.MapPost("/recover", RecoverAsync);
        v1.MapDelete("/users/totps/{totpId}", DeleteAsync);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, TotpService totps, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        var result = await totps.CreateAsync(
            body.RequiredString("user_id", ErrorCatalog.InvalidUserId),
            body.Int("expiration_minutes", ErrorCatalog.InvalidTotpExpiration),
            cancellationToken);
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
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        ReadIgnoredFields(body);
        var result = await login.AuthenticateAsync(
            body.RequiredString("user_id", ErrorCatalog.InvalidUserId),
            body.RequiredString("totp_code", ErrorCatalog.InvalidTotpCode),
            SessionEndpoints.ReadSessionRequest(body),
            cancellationToken);
        return ApiResults.From(result, authenticated => ToResponse(authenticated, clock));
    }

    private static async Task<IResult> RecoveryCodesAsync(HttpRequest request, TotpService totps, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        var result = await totps.RecoveryCodesAsync(body.RequiredString("user_id", ErrorCatalog.InvalidUserId), cancellationToken);
        return ApiResults.From(result, listed => new TotpRecoveryCodesResponse(
            listed.User.UserId,
            listed.Totps.Select(t => new TotpWithRecoveryCodesWire(t.Totp.TotpId, t.Totp.Verified, t.Codes)).ToList()));
    }

    private static async Task<IResult> RecoverAsync(HttpRequest request, TotpLogin login, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        ReadIgnoredFields(body);
        var result = await login.RecoverAsync(
            body.RequiredString("user_id", ErrorCatalog.InvalidUserId),
            body.RequiredString("recovery_code", ErrorCatalog.InvalidRecoveryCode),
            SessionEndpoints.ReadSessionRequest(body),
            cancellationToken);
        return ApiResults.From(result, authenticated => ToResponse(authenticated, clock));
    }

    private static async Task<IResult> DeleteAsync(string totpId, HttpRequest request, TotpService totps, TimeProvider clock, CancellationToken cancellationToken)
    {
        await JsonBody.ReadAsync(request, cancellationToken);
        return ApiResults.From(await totps.DeleteAsync(totpId, cancellationToken), user => new DeleteTotpResponse(user.UserId, UserWireMapper.ToWire(user, clock.GetUtcNow().UtcDateTime)));
    }

    /// <summary>Device fingerprinting is not implemented; a malformed telemetry_id is still a precise 400.</summary>
    private static void ReadIgnoredFields(JsonBody body) =>
        body.String("telemetry_id", ErrorCatalog.BadRequest.WithMessage("telemetry_id must be a string."));

    private static TotpSessionResponse ToResponse(TotpAuthenticated authenticated, TimeProvider clock) => new(
        authenticated.User.UserId,
        authenticated.TotpId,
        authenticated.Session?.SessionToken ?? "",
        authenticated.Session?.SessionJwt ?? "",
        UserWireMapper.ToWire(authenticated.User, clock.GetUtcNow().UtcDateTime),
        authenticated.Session is { } issued ? SessionWireMapper.ToWire(issued.Session) : null);
}
