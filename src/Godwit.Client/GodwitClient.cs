using Godwit.Client.Http;
using Godwit.Client.MagicLinks;
using Godwit.Client.Migration;
using Godwit.Client.Otps;
using Godwit.Client.Passwords;
using Godwit.Client.Sessions;
using Godwit.Client.Users;

namespace Godwit.Client;

/// <summary>
/// A typed client for Godwit, or for Stytch's consumer API: the same paths and shapes serve both.
/// Register it with <see cref="Microsoft.Extensions.DependencyInjection.GodwitClientServiceCollectionExtensions.AddGodwitClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{GodwitClientOptions})"/>
/// and take it from dependency injection. Errors arrive as <see cref="GodwitApiException"/>.
/// </summary>
public sealed class GodwitClient
{
    internal GodwitClient(HttpClient http, GodwitClientOptions options, JwksCache jwks, TimeProvider clock)
    {
        var transport = new ApiTransport(http);
        ProjectId = options.ProjectId;
        Users = new UsersClient(transport);
        MagicLinks = new MagicLinksClient(transport);
        Otps = new OtpsClient(transport);
        Passwords = new PasswordsClient(transport);
        Sessions = new SessionsClient(transport, new SessionJwtReader(jwks, options, clock), options.ProjectId);
        Migration = new MigrationClient(transport);
    }

    /// <summary>The project this client acts for.</summary>
    public string ProjectId { get; }

    /// <summary>Create, get, search, update and delete users.</summary>
    public UsersClient Users { get; }

    /// <summary>Email magic links.</summary>
    public MagicLinksClient MagicLinks { get; }

    /// <summary>One-time passcodes by email and SMS.</summary>
    public OtpsClient Otps { get; }

    /// <summary>Password login, creation and migration of legacy hashes.</summary>
    public PasswordsClient Passwords { get; }

    /// <summary>Session checks (by the API or locally by JWT), listing, revocation and the JWKS.</summary>
    public SessionsClient Sessions { get; }

    /// <summary>Godwit's own: reports of the rolling-migration step.</summary>
    public MigrationClient Migration { get; }
}
