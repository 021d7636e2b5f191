using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Security;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.OAuth;

/// <summary>What the OAuth tests share: PKCE pairs, browser logins and a client that does not follow redirects.</summary>
internal static class OAuthTestCalls
{
    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = SecretTokens.NewToken();
        return (verifier, SecretTokens.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    /// <summary>A unique provider account with a verified email.</summary>
    public static string VerifiedAccount(string name = "person") => ApiCalls.UniqueEmail(name);

    public static HttpClient NoRedirects(this OAuthGodwit godwit) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = godwit.Host.BaseUrl };

    public static Task<BrowserLanding> LoginAsync(this OAuthGodwit godwit, string login, string? extra = null, string provider = "google", bool deny = false) =>
        godwit.Provider.LoginAsync(godwit.StartUrl(provider, extra), login, deny);

    public static Task<ApiAnswer> AuthenticateAsync(this OAuthGodwit godwit, string? token, string? verifier = null, int? minutes = 60) =>
        godwit.Host.Client.PostAsync("/v1/oauth/authenticate", new Dictionary<string, object?>
        {
            ["token"] = token,
            ["code_verifier"] = verifier,
            ["session_duration_minutes"] = minutes,
        }.Where(p => p.Value is not null).ToDictionary());
}
