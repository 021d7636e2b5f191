using Godwit.Contracts.MagicLinks;
using Godwit.Contracts.Otps;
using Godwit.Core.Delivery;
using Godwit.Core.Errors;
using Godwit.Core.Sessions;
using Godwit.Core.Otps;
using Godwit.Core.Users;
using Godwit.Server.Http;
using Godwit.Server.MagicLinks;
using Godwit.Server.OpenApi;
using Godwit.Server.Sessions;

namespace Godwit.Server.Otps;

internal static class OtpEndpoints
{
    public static void MapOtpApi(this RouteGroupBuilder v1)
    {
        var otps = v1.MapGroup("/otps");
        otps.MapPost("/email/login_or_create", EmailLoginOrCreateAsync).AcceptsAndReturns<EmailOtpLoginOrCreateRequest, EmailOtpLoginOrCreateResponse>();
        otps.MapPost("/email/send", EmailSendAsync).AcceptsAndReturns<EmailOtpSendRequest, EmailOtpSendResponse>();
        otps.MapPost("/sms/login_or_create", SmsLoginOrCreateAsync).AcceptsAndReturns<SmsOtpLoginOrCreateRequest, SmsOtpLoginOrCreateResponse>();
        otps.MapPost("/sms/send", SmsSendAsync).AcceptsAndReturns<SmsOtpSendRequest, SmsOtpSendResponse>();
        otps.MapPost("/whatsapp/login_or_create", WhatsAppLoginOrCreateAsync).AcceptsAndReturns<SmsOtpLoginOrCreateRequest, SmsOtpLoginOrCreateResponse>();
        otps.MapPost("/whatsapp/send", WhatsAppSendAsync).AcceptsAndReturns<SmsOtpSendRequest, SmsOtpSendResponse>();
        otps.MapPost("/authenticate", AuthenticateAsync).AcceptsAndReturns<OtpAuthenticateRequest, FactorAuthenticateResponse>().RecordsLogin(LoginRecording.Otp);
    }

    // Stytch creates users as pending on login_or_create unless told otherwise.
    private static async Task<IResult> EmailLoginOrCreateAsync(HttpRequest request, OtpService otps, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<EmailOtpLoginOrCreateRequest>(request, cancellationToken);
        var command = new OtpLoginOrCreateCommand(AddressKind.Email, body.Email, body.ExpirationMinutes, body.CreateUserAsPending ?? true, Locale: body.Locale);
        return ApiResults.From(await otps.LoginOrCreateAsync(command, cancellationToken), sent => new EmailOtpLoginOrCreateResponse(sent.UserId, sent.MethodId, sent.UserCreated));
    }

    private static async Task<IResult> EmailSendAsync(HttpRequest request, OtpService otps, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<EmailOtpSendRequest>(request, cancellationToken);
        var command = new OtpSendCommand(AddressKind.Email, body.Email, body.ExpirationMinutes, new UserReference(body.UserId, body.SessionToken, body.SessionJwt), Locale: body.Locale);
        return ApiResults.From(await otps.SendAsync(command, cancellationToken), sent => new EmailOtpSendResponse(sent.UserId, sent.MethodId));
    }

    private static Task<IResult> SmsLoginOrCreateAsync(HttpRequest request, OtpService otps, CancellationToken cancellationToken) =>
        PhoneLoginOrCreateAsync(request, otps, TextChannel.Sms, cancellationToken);

    private static Task<IResult> SmsSendAsync(HttpRequest request, OtpService otps, CancellationToken cancellationToken) =>
        PhoneSendAsync(request, otps, TextChannel.Sms, cancellationToken);

    private static Task<IResult> WhatsAppLoginOrCreateAsync(HttpRequest request, OtpService otps, CancellationToken cancellationToken) =>
        PhoneLoginOrCreateAsync(request, otps, TextChannel.WhatsApp, cancellationToken);

    private static Task<IResult> WhatsAppSendAsync(HttpRequest request, OtpService otps, CancellationToken cancellationToken) =>
        PhoneSendAsync(request, otps, TextChannel.WhatsApp, cancellationToken);

    // SMS and WhatsApp take the same body and answer alike (as at Stytch); only the channel differs.
    private static async Task<IResult> PhoneLoginOrCreateAsync(HttpRequest request, OtpService otps, TextChannel channel, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<SmsOtpLoginOrCreateRequest>(request, cancellationToken);
        var command = new OtpLoginOrCreateCommand(AddressKind.Phone, body.PhoneNumber, body.ExpirationMinutes, body.CreateUserAsPending ?? true, channel, body.Locale);
        return ApiResults.From(await otps.LoginOrCreateAsync(command, cancellationToken), sent => new SmsOtpLoginOrCreateResponse(sent.UserId, sent.MethodId, sent.UserCreated));
    }

    private static async Task<IResult> PhoneSendAsync(HttpRequest request, OtpService otps, TextChannel channel, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<SmsOtpSendRequest>(request, cancellationToken);
        var command = new OtpSendCommand(AddressKind.Phone, body.PhoneNumber, body.ExpirationMinutes, new UserReference(body.UserId, body.SessionToken, body.SessionJwt), channel, body.Locale);
        return ApiResults.From(await otps.SendAsync(command, cancellationToken), sent => new SmsOtpSendResponse(sent.UserId, sent.MethodId));
    }

    private static async Task<IResult> AuthenticateAsync(HttpRequest request, OtpService otps, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<OtpAuthenticateRequest>(request, cancellationToken);
        var command = new OtpAuthenticateCommand(body.MethodId, body.Code, SessionEndpoints.SessionRequestOf(body));
        return ApiResults.From(await otps.AuthenticateAsync(command, cancellationToken), authenticated => PasswordlessRequests.ToResponse(authenticated, clock));
    }
}
