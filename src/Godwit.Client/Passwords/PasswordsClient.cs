using Godwit.Client.Http;
using Godwit.Contracts.Passwords;

namespace Godwit.Client.Passwords;

/// <summary>Passwords: <c>/v1/passwords</c>. None of these calls is retried after an ambiguous failure.</summary>
public sealed class PasswordsClient
{
    private readonly ApiTransport transport;

    internal PasswordsClient(ApiTransport transport) => this.transport = transport;

    /// <summary>Checks an email and password and starts a session. A failure counts towards the user's lock.</summary>
    public Task<PasswordSessionResponse> AuthenticateAsync(PasswordAuthenticateRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "v1/passwords/authenticate", request, WireJson.Requests.PasswordAuthenticateRequest, WireJson.Responses.PasswordSessionResponse, safeToRetry: false, cancellationToken);

    /// <summary>Creates a user with an email and a strength-checked password, and starts a session.</summary>
    public Task<CreatePasswordResponse> CreateAsync(CreatePasswordRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "v1/passwords", request, WireJson.Requests.CreatePasswordRequest, WireJson.Responses.CreatePasswordResponse, safeToRetry: false, cancellationToken);

    /// <summary>Stores a legacy password hash, creating the user when the email is new.</summary>
    public Task<MigratePasswordResponse> MigrateAsync(MigratePasswordRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "v1/passwords/migrate", request, WireJson.Requests.MigratePasswordRequest, WireJson.Responses.MigratePasswordResponse, safeToRetry: false, cancellationToken);
}
