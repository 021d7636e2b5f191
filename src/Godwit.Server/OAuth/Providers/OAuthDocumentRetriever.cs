using Godwit.Core.Security;
using Microsoft.IdentityModel.Protocols;

namespace Godwit.Server.OAuth.Providers;

/// <summary>
/// Fetches discovery documents and JWKS for IdentityModel's ConfigurationManager through the named
/// <c>oauth</c> HttpClient (its timeout, size limit and no-redirect policy). Signing keys decide
/// which id_tokens are believed, so they come over https only, or http from this machine.
/// </summary>
internal sealed class OAuthDocumentRetriever(IHttpClientFactory clients) : IDocumentRetriever
{
    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && LoopbackHost.Is(url))))
        {
            throw new InvalidOperationException("An OpenID document address is not an https URL.");
        }

        using var response = await clients.CreateClient(ProviderCalls.ClientName).GetAsync(url, cancel);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The OpenID document answered status {(int)response.StatusCode}.", null, response.StatusCode);
        }

        return await response.Content.ReadAsStringAsync(cancel);
    }
}
