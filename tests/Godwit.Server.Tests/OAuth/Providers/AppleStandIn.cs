using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Server.Tests.OAuth.Providers;

/// <summary>
/// Sign in with Apple on loopback: a discovery document, a JWKS with Apple's RS256 key, and a token
/// endpoint that checks the client_secret JWT as Apple does (ES256 signature by the public half of
/// the team's key, iss = team id, sub = client id, aud = https://appleid.apple.com, kid = key id)
/// before it answers with an id_token it signs.
/// </summary>
internal sealed class AppleStandIn : IAsyncDisposable
{
    public const string TeamId = "TEAM123456";
    public const string KeyId = "KEY1234567";
    public const string AppleKeyId = "apple-signing-1";

    private readonly ECDsa teamKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly RSA appleKey = RSA.Create(2048);
    private readonly ECDsaSecurityKey teamPublicKey;
    private readonly ConcurrentQueue<string> clientSecrets = new();

    private AppleStandIn(ProviderStandIn server)
    {
        Server = server;
        teamPublicKey = new ECDsaSecurityKey(ECDsa.Create(teamKey.ExportParameters(false)));
    }

    public ProviderStandIn Server { get; }

    public string ClientId => Server.ClientId;

    public string Issuer => Server.BaseUrl;

    /// <summary>The team's .p8 key as Apple hands it out: PKCS#8 PEM.</summary>
    public string TeamKeyPem => teamKey.ExportPkcs8PrivateKeyPem();

    /// <summary>Every client_secret the token endpoint accepted, in order.</summary>
    public IReadOnlyList<string> AcceptedClientSecrets => [.. clientSecrets];

    /// <summary>The claims of the next id_token; the test changes them to forge one.</summary>
    public Dictionary<string, object> IdTokenClaims { get; } = [];

    /// <summary>Signs the next id_token with another key than the one the JWKS publishes.</summary>
    public RSA? ForeignSigningKey { get; set; }

    public static async Task<AppleStandIn> StartAsync()
    {
        var apple = new AppleStandIn(await ProviderStandIn.StartAsync());
        apple.Server.Map("/.well-known/openid-configuration", apple.DiscoveryAsync);
        apple.Server.Map("/auth/keys", apple.KeysAsync);
        // The id_token of the login carries the nonce the authorize request brought.
        apple.Server.MapAuthorize("/auth/authorize", query => apple.ExpectLogin(query["nonce"].ToString()));
        apple.Server.ClientIsAuthentic = apple.ClientSecretIsAppleStyleAsync;
        apple.Server.TokenExtras = _ => new() { ["id_token"] = apple.MintIdToken() };
        return apple;
    }

    /// <summary>The claims Apple puts in an id_token for this client, before a test changes any.</summary>
    public void ExpectLogin(string nonce, string subject = "001234.abcdef0123456789.0042", string email = "ada@privaterelay.appleid.com")
    {
        var now = DateTimeOffset.UtcNow;
        IdTokenClaims.Clear();
        IdTokenClaims["iss"] = Issuer;
        IdTokenClaims["aud"] = ClientId;
        IdTokenClaims["sub"] = subject;
        IdTokenClaims["iat"] = now.ToUnixTimeSeconds();
        IdTokenClaims["exp"] = now.AddMinutes(10).ToUnixTimeSeconds();
        IdTokenClaims["nonce"] = nonce;
        IdTokenClaims["nonce_supported"] = true;
        IdTokenClaims["email"] = email;
        // Apple sends the flag as a string.
        IdTokenClaims["email_verified"] = "true";
        IdTokenClaims["is_private_email"] = "true";
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        teamKey.Dispose();
        teamPublicKey.ECDsa.Dispose();
        appleKey.Dispose();
    }

    private string MintIdToken()
    {
        var key = new RsaSecurityKey(ForeignSigningKey ?? appleKey) { KeyId = AppleKeyId };
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>(IdTokenClaims),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private async Task<bool> ClientSecretIsAppleStyleAsync(IFormCollection form)
    {
        var secret = form["client_secret"].ToString();
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(secret, new TokenValidationParameters
        {
            ValidIssuer = TeamId,
            ValidAudience = "https://appleid.apple.com",
            // One key object for the stand-in's life: IdentityModel caches a verifier per key.
            IssuerSigningKey = teamPublicKey,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            RequireExpirationTime = true,
        });
        var accepted = result.IsValid
            && form["client_id"] == ClientId
            && result.SecurityToken is JsonWebToken jwt
            && jwt.Subject == ClientId
            && jwt.Kid == KeyId
            // Apple refuses a client secret that lives longer than six months.
            && jwt.ValidTo - jwt.IssuedAt <= TimeSpan.FromDays(180);
        if (accepted)
        {
            clientSecrets.Enqueue(secret);
        }

        return accepted;
    }

    private Task DiscoveryAsync(HttpContext context) => context.Response.WriteAsJsonAsync(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = Server.Url("/auth/authorize"),
        ["token_endpoint"] = Server.Url("/token"),
        ["jwks_uri"] = Server.Url("/auth/keys"),
        ["response_types_supported"] = new[] { "code" },
        ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
        ["subject_types_supported"] = new[] { "pairwise" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["scopes_supported"] = new[] { "openid", "email", "name" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post" },
    });

    private Task KeysAsync(HttpContext context)
    {
        var parameters = appleKey.ExportParameters(false);
        return context.Response.WriteAsJsonAsync(new
        {
            keys = new[]
            {
                new { kty = "RSA", kid = AppleKeyId, use = "sig", alg = "RS256", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
            },
        });
    }
}
