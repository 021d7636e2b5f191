using Godwit.Client.Http;
using Godwit.Contracts.MagicLinks;
using Godwit.Contracts.Otps;

namespace Godwit.Client.Otps;

/// <summary>One-time passcodes: <c>/v1/otps</c>.</summary>
public sealed class OtpsClient
{
    private readonly ApiTransport transport;

    internal OtpsClient(ApiTransport transport)
    {
        this.transport = transport;
        Email = new EmailOtpsClient(transport);
        Sms = new PhoneOtpsClient(transport, "sms");
        WhatsApp = new PhoneOtpsClient(transport, "whatsapp");
    }

    /// <summary>Codes by email.</summary>
    public EmailOtpsClient Email { get; }

    /// <summary>Codes by text message.</summary>
    public PhoneOtpsClient Sms { get; }

    /// <summary>Codes by WhatsApp message: the same requests and answers as <see cref="Sms"/>, and the same phone_id.</summary>
    public PhoneOtpsClient WhatsApp { get; }

    /// <summary>
    /// Checks a code sent to <c>method_id</c> (the email_id or phone_id). Never retried: every
    /// attempt counts against the code.
    /// </summary>
    public Task<FactorAuthenticateResponse> AuthenticateAsync(OtpAuthenticateRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "v1/otps/authenticate", request, WireJson.Requests.OtpAuthenticateRequest, WireJson.Responses.FactorAuthenticateResponse, safeToRetry: false, cancellationToken);
}

/// <summary>Email passcodes: <c>/v1/otps/email</c>.</summary>
public sealed class EmailOtpsClient
{
    private readonly ApiTransport transport;

    internal EmailOtpsClient(ApiTransport transport) => this.transport = transport;

    /// <summary>Sends a code, creating a (pending) user for an unknown address.</summary>
    public Task<EmailOtpLoginOrCreateResponse> LoginOrCreateAsync(EmailOtpLoginOrCreateRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "v1/otps/email/login_or_create", request, WireJson.Requests.EmailOtpLoginOrCreateRequest, WireJson.Responses.EmailOtpLoginOrCreateResponse, safeToRetry: false, cancellationToken);

    /// <summary>Sends a code to an existing user's address, or adds the address to the user named.</summary>
    public Task<EmailOtpSendResponse> SendAsync(EmailOtpSendRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "v1/otps/email/send", request, WireJson.Requests.EmailOtpSendRequest, WireJson.Responses.EmailOtpSendResponse, safeToRetry: false, cancellationToken);
}

/// <summary>Passcodes to a phone: <c>/v1/otps/sms</c> or <c>/v1/otps/whatsapp</c>, which take the same bodies.</summary>
public sealed class PhoneOtpsClient
{
    private readonly ApiTransport transport;
    private readonly string loginOrCreatePath;
    private readonly string sendPath;

    internal PhoneOtpsClient(ApiTransport transport, string channel)
    {
        this.transport = transport;
        loginOrCreatePath = $"v1/otps/{channel}/login_or_create";
        sendPath = $"v1/otps/{channel}/send";
    }

    /// <summary>Sends a code to the number, creating a (pending) user for an unknown number.</summary>
    public Task<SmsOtpLoginOrCreateResponse> LoginOrCreateAsync(SmsOtpLoginOrCreateRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, loginOrCreatePath, request, WireJson.Requests.SmsOtpLoginOrCreateRequest, WireJson.Responses.SmsOtpLoginOrCreateResponse, safeToRetry: false, cancellationToken);

    /// <summary>Sends a code to an existing user's number, or adds the number to the user named.</summary>
    public Task<SmsOtpSendResponse> SendAsync(SmsOtpSendRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, sendPath, request, WireJson.Requests.SmsOtpSendRequest, WireJson.Responses.SmsOtpSendResponse, safeToRetry: false, cancellationToken);
}
