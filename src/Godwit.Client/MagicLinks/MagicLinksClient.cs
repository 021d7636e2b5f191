using Godwit.Client.Http;
using Godwit.Contracts.MagicLinks;

namespace Godwit.Client.MagicLinks;

/// <summary>Magic links: <c>/v1/magic_links</c>.</summary>
public sealed class MagicLinksClient
{
    private readonly ApiTransport transport;

    internal MagicLinksClient(ApiTransport transport)
    {
        this.transport = transport;
        Email = new EmailMagicLinksClient(transport);
    }

    /// <summary>Sending links by email.</summary>
    public EmailMagicLinksClient Email { get; }

    /// <summary>
    /// Creates an embeddable magic link for a user: the token, for the application to deliver itself.
    /// Authenticating it verifies no address of the user. Never retried: a retry would mint a second token.
    /// </summary>
    public Task<MagicLinkCreateResponse> CreateAsync(MagicLinkCreateRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "v1/magic_links", request, WireJson.Requests.MagicLinkCreateRequest, WireJson.Responses.MagicLinkCreateResponse, safeToRetry: false, cancellationToken);

    /// <summary>
    /// Authenticates the token from a link; with <c>session_duration_minutes</c> it starts a session.
    /// Never retried: the token is single use.
    /// </summary>
    public Task<FactorAuthenticateResponse> AuthenticateAsync(MagicLinkAuthenticateRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "v1/magic_links/authenticate", request, WireJson.Requests.MagicLinkAuthenticateRequest, WireJson.Responses.FactorAuthenticateResponse, safeToRetry: false, cancellationToken);
}

/// <summary>Email magic links: <c>/v1/magic_links/email</c>. Sends are never retried after an ambiguous failure (it would send a second email).</summary>
public sealed class EmailMagicLinksClient
{
    private readonly ApiTransport transport;

    internal EmailMagicLinksClient(ApiTransport transport) => this.transport = transport;

    /// <summary>Sends a login link, creating a (pending) user for an unknown address.</summary>
    public Task<EmailLoginOrCreateResponse> LoginOrCreateAsync(EmailLoginOrCreateRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "v1/magic_links/email/login_or_create", request, WireJson.Requests.EmailLoginOrCreateRequest, WireJson.Responses.EmailLoginOrCreateResponse, safeToRetry: false, cancellationToken);

    /// <summary>Sends a login link to an existing user's address, or adds the address to the user named.</summary>
    public Task<EmailSendResponse> SendAsync(EmailSendRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "v1/magic_links/email/send", request, WireJson.Requests.EmailSendRequest, WireJson.Responses.EmailSendResponse, safeToRetry: false, cancellationToken);
}
