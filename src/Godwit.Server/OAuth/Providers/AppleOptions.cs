using System.Security.Cryptography;

namespace Godwit.Server.OAuth.Providers;

/// <summary>
/// Sign in with Apple settings, bound from <c>Godwit:OAuth:Providers:apple</c>. Apple has no client
/// secret to configure: Godwit signs one (a short-lived ES256 JWT) with the key Apple issued.
/// </summary>
internal sealed class AppleOptions
{
    public const string SectionName = "Godwit:OAuth:Providers:apple";
    private const string Segment = "apple";

    /// <summary>The Services ID (such as <c>com.example.web</c>): the client id, the id_token's audience.</summary>
    public string? ClientId { get; set; }

    /// <summary>The Apple developer team id: the client secret's issuer.</summary>
    public string? TeamId { get; set; }

    /// <summary>The id of the Sign in with Apple key: the client secret's <c>kid</c>.</summary>
    public string? KeyId { get; set; }

    /// <summary>The key's .p8 file as PEM text (<c>-----BEGIN PRIVATE KEY-----</c>): a P-256 private key.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>Scopes asked for on top of <c>name email</c>.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Apple's OpenID discovery document: its endpoints, issuer and signing keys.</summary>
    public string DiscoveryUrl { get; set; } = "https://appleid.apple.com/.well-known/openid-configuration";

    /// <summary>What is wrong with these settings, checked at startup; null when they are usable.</summary>
    public string? Problem() =>
        ProviderSettings.Required(Segment, "ClientId", ClientId, "it is the Services ID Apple's id_tokens are issued to.")
        ?? ProviderSettings.Required(Segment, "TeamId", TeamId, "it is the issuer of the client secret Godwit signs for Apple.")
        ?? ProviderSettings.Required(Segment, "KeyId", KeyId, "it names the Sign in with Apple key that signs the client secret.")
        ?? ProviderSettings.Required(Segment, "PrivateKey", PrivateKey, "the .p8 key's PEM text signs the client secret Apple's token endpoint checks.")
        ?? KeyProblem()
        ?? ProviderSettings.Url(Segment, "DiscoveryUrl", DiscoveryUrl)
        ?? ProviderSettings.Scopes(Segment, Scopes);

    /// <summary>The configured key; call only after <see cref="Problem"/> found none.</summary>
    public ECDsa LoadKey()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(PrivateKey);
        return key;
    }

    private string? KeyProblem()
    {
        try
        {
            using var key = LoadKey();
            return key.KeySize == 256 ? null : $"{ProviderSettings.Name(Segment, "PrivateKey")} must be a P-256 (ES256) key, as Apple issues them.";
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            // Never the key or the exception's text in the message: it could quote the key.
            return $"{ProviderSettings.Name(Segment, "PrivateKey")} must be the PEM text of the .p8 private key Apple issued (-----BEGIN PRIVATE KEY-----).";
        }
    }
}
