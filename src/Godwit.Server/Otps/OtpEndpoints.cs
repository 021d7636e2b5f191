using Godwit.Contracts.Otps;
using Godwit.Core.Errors;
using Godwit.Core.Otps;
using Godwit.Core.Users;
using Godwit.Server.Http;
using Godwit.Server.MagicLinks;
using Godwit.Server.Sessions;

namespace Godwit.Server.Otps;

internal static class OtpEndpoints
{
    public static void MapOtpApi(this RouteGroupBuilder v1)
    {
        var otps = v1.MapGroup("/otps");
        otps.MapPost("/email/login_or_create", EmailLoginOrCreateAsync);
        otps.MapPost("/email/send", EmailSendAsync);
        otps.MapPost("/sms/login_or_create", SmsLoginOrCreateAsync);
        otps.MapPost("/sms/send", SmsSendAsync);
        otps.MapPost("/authenticate", AuthenticateAsync);
    }

    private static async Task<IResult> EmailLoginOrCreateAsync(HttpRequest request, OtpService otps, CancellationToken cancellationToken)
    {
        var command = await ReadLoginOrCreateAsync(request, AddressKind.Email, cancellationToken);
        return ApiResults.From(await otps.LoginOrCreateAsync(command, cancellationToken), sent => new EmailOtpLoginOrCreateResponse(sent.UserId, sent.MethodId, sent.UserCreated));
    }

    private static async Task<IResult> EmailSendAsync(HttpRequest request, OtpService otps, CancellationToken cancellationToken)
    {
        var command = await ReadSendAsync(request, AddressKind.Email, cancellationToken);
        return ApiResults.From(await otps.SendAsync(command, cancellationToken), sent => new EmailOtpSendResponse(sent.UserId, sent.MethodId));
    }

    private static async Task<IResult> SmsLoginOrCreateAsync(HttpRequest request, OtpService otps, CancellationToken cancellationToken)
    {
        var command = await ReadLoginOrCreateAsync(request, AddressKind.Phone, cancellationToken);
        return ApiResults.From(await otps.LoginOrCreateAsync(command, cancellationToken), sent => new SmsOtpLoginOrCreateResponse(sent.UserId, sent.MethodId, sent.UserCreated));
    }

    private static async Task<IResult> SmsSendAsync(HttpRequest request, OtpService otps, CancellationToken cancellationToken)
    {
        var command = await ReadSendAsync(request, AddressKind.Phone, cancellationToken);
        return ApiResults.From(await otps.SendAsync(command, cancellationToken), sent => new SmsOtpSendResponse(sent.UserId, sent.MethodId));
    }

    private static async Task<IResult> AuthenticateAsync(HttpRequest request, OtpService otps, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        PasswordlessRequests.ReadIgnoredFields(body);
        var command = new OtpAuthenticateCommand(
            body.RequiredString("method_id", ErrorCatalog.InvalidMethodId),
            body.RequiredString("code", ErrorCatalog.InvalidCode),
            SessionEndpoints.ReadSessionRequest(body));
        return ApiResults.From(await otps.AuthenticateAsync(command, cancellationToken), authenticated => PasswordlessRequests.ToResponse(authenticated, clock));
    }

    private static async Task<OtpLoginOrCreateCommand> ReadLoginOrCreateAsync(HttpRequest request, AddressKind kind, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        PasswordlessRequests.ReadIgnoredFields(body);
        return new OtpLoginOrCreateCommand(
            kind,
            ReadAddress(body, kind),
            body.Int("expiration_minutes", ErrorCatalog.InvalidOtpExpirationMinutes),
            // Stytch creates users as pending here unless told otherwise.
            body.Bool("create_user_as_pending") ?? true);
    }

    private static async Task<OtpSendCommand> ReadSendAsync(HttpRequest request, AddressKind kind, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        PasswordlessRequests.ReadIgnoredFields(body);
        return new OtpSendCommand(
            kind,
            ReadAddress(body, kind),
            body.Int("expiration_minutes", ErrorCatalog.InvalidOtpExpirationMinutes),
            PasswordlessRequests.ReadAttachTarget(body));
    }

    private static string ReadAddress(JsonBody body, AddressKind kind) => kind == AddressKind.Email
        ? body.RequiredString("email", ErrorCatalog.InvalidEmail)
        : body.RequiredString("phone_number", ErrorCatalog.InvalidPhoneNumber);
}
