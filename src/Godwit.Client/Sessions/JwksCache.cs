using Microsoft.IdentityModel.Tokens;

namespace Godwit.Client.Sessions;

/// <summary>
/// The project's signing keys, fetched from the JWKS and kept for
/// <see cref="GodwitClientOptions.JwksCacheDuration"/>. A JWT naming a key id the cache lacks
/// (the server rotated its key) fetches again at once, but not more often than
/// <see cref="GodwitClientOptions.JwksRefreshCooldown"/>, so forged key ids cannot make every request
/// a fetch. One per application, shared by every <see cref="GodwitClient"/>.
/// </summary>
internal sealed class JwksCache(TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim fetching = new(1, 1);
    private volatile Snapshot current = new(new Dictionary<string, SecurityKey>(StringComparer.Ordinal), DateTimeOffset.MinValue);

    public async ValueTask<SecurityKey?> FindAsync(string kid, SessionsClient sessions, GodwitClientOptions options, CancellationToken cancellationToken)
    {
        var seen = current;
        if (!NeedsFetch(seen, kid, options))
        {
            return seen.Keys.GetValueOrDefault(kid);
        }

        await fetching.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have fetched while this one waited.
            if (current != seen && !NeedsFetch(current, kid, options))
            {
                return current.Keys.GetValueOrDefault(kid);
            }

            var jwks = await sessions.GetJwksAsync(cancellationToken);
            var keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
            foreach (var jwk in jwks.Keys ?? [])
            {
                if (jwk is { Kty: "RSA", Kid.Length: > 0, N.Length: > 0, E.Length: > 0 })
                {
                    keys[jwk.Kid] = new JsonWebKey { Kty = jwk.Kty, Kid = jwk.Kid, N = jwk.N, E = jwk.E, Alg = jwk.Alg, Use = jwk.Use };
                }
            }

            current = new Snapshot(keys, clock.GetUtcNow());
            return keys.GetValueOrDefault(kid);
        }
        finally
        {
            fetching.Release();
        }
    }

    public void Dispose() => fetching.Dispose();

    private bool NeedsFetch(Snapshot snapshot, string kid, GodwitClientOptions options)
    {
        var age = clock.GetUtcNow() - snapshot.FetchedAt;
        return age >= options.JwksCacheDuration || (!snapshot.Keys.ContainsKey(kid) && age >= options.JwksRefreshCooldown);
    }

    private sealed record Snapshot(Dictionary<string, SecurityKey> Keys, DateTimeOffset FetchedAt);
}
