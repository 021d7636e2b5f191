using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Server.OAuth.Providers;

/// <summary>
/// The client_secret Apple's token endpoint wants: an ES256 JWT signed with the team's Sign in with
/// Apple key (iss = team id, sub = client id, aud = Apple, kid = key id). It lives an hour, not the
/// six months Apple allows, so a leaked one is soon worthless, and is reused until five minutes
/// before it expires.
/// </summary>
internal sealed class AppleClientSecret : IDisposable
{
    public const string Audience = "https://appleid.apple.com";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly AppleOptions options;
    private readonly TimeProvider clock;
    private readonly ECDsa key;
    private readonly SigningCredentials credentials;
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };
    private volatile Minted? current;

    public AppleClientSecret(AppleOptions options, TimeProvider clock)
    {
        this.options = options;
        this.clock = clock;
        key = options.LoadKey();
        credentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = options.KeyId }, SecurityAlgorithms.EcdsaSha256);
    }

    public string Current()
    {
        var now = clock.GetUtcNow();
        var minted = current;
        if (minted is null || minted.ExpiresAt - now <= RenewBefore)
        {
            // Two requests may both mint at the edge; either secret is valid, so no lock is needed.
            minted = Mint(now);
            current = minted;
        }

        return minted.Jwt;
    }

    public void Dispose() => key.Dispose();

    private Minted Mint(DateTimeOffset now)
    {
        var expiresAt = now + Lifetime;
        var jwt = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.TeamId,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = options.ClientId! },
            SigningCredentials = credentials,
        });
        return new Minted(jwt, expiresAt);
    }

    private sealed record Minted(string Jwt, DateTimeOffset ExpiresAt);
}
