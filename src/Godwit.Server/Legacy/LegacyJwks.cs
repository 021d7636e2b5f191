using System.Text;
using Godwit.Core.Legacy;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Server.Legacy;

/// <summary>
/// The legacy system's signing keys from <c>Godwit:Migration:LegacyJwksUrl</c>, kept for ten minutes
/// and fetched again early when a token names a key id not among them (a rotation), at most every
/// thirty seconds so that tokens with made-up key ids cannot make Godwit hammer the JWKS. When a
/// fetch fails, the keys fetched before stay in use.
/// </summary>
internal sealed partial class LegacyJwks(LegacyEndpoints endpoints, LegacySystemOptions options, TimeProvider clock, ILogger<LegacyJwks> logger) : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private volatile KeySet? current;
    private long lastAttemptTicks;

    public void Dispose() => refreshing.Dispose();

    /// <summary>The keys to check a token with key id <paramref name="kid"/> against, or null when none could ever be fetched.</summary>
    public async Task<IReadOnlyList<SecurityKey>?> KeysForAsync(string? kid, CancellationToken cancellationToken)
    {
        if (NeedsRefresh(current, kid))
        {
            await refreshing.WaitAsync(cancellationToken);
            try
            {
                // Another request may have refreshed while this one waited.
                if (NeedsRefresh(current, kid))
                {
                    Interlocked.Exchange(ref lastAttemptTicks, clock.GetUtcNow().UtcTicks);
                    current = await FetchAsync(cancellationToken) ?? current;
                }
            }
            finally
            {
                refreshing.Release();
            }
        }

        return current?.Keys;
    }

    private bool NeedsRefresh(KeySet? keys, string? kid)
    {
        if (keys is null)
        {
            return true;
        }

        // While the JWKS cannot be fetched, the keys fetched before serve, and a new attempt is made
        // at most every MinRefreshInterval rather than by every request.
        var now = clock.GetUtcNow();
        if (now - new DateTimeOffset(Interlocked.Read(ref lastAttemptTicks), TimeSpan.Zero) < MinRefreshInterval)
        {
            return false;
        }

        var age = now - keys.FetchedAt;
        return age >= MaxAge || (kid is not null && !keys.Keys.Any(k => k.KeyId == kid));
    }

    private async Task<KeySet?> FetchAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, options.LegacyJwksUrl);
        var response = await endpoints.SendAsync(LegacyEndpoints.Jwks, request, cancellationToken);
        var failure = response.Failure ?? (response.StatusCode == 200 ? null : $"answered status {response.StatusCode}");
        if (failure is null)
        {
            try
            {
                var keys = new JsonWebKeySet(Encoding.UTF8.GetString(response.Body)).GetSigningKeys();
                if (keys.Count > 0)
                {
                    LogFetched(logger, (long)response.Elapsed.TotalMilliseconds, keys.Count);
                    return new KeySet([.. keys], clock.GetUtcNow());
                }

                // An empty set would refuse every legacy JWT as if each were forged.
                failure = "answered a JWKS without signing keys";
            }
            catch (ArgumentException)
            {
                failure = "answered a body that is not a JWKS";
            }
        }

        LogFailed(logger, (long)response.Elapsed.TotalMilliseconds, failure);
        return null;
    }

    private sealed record KeySet(IReadOnlyList<SecurityKey> Keys, DateTimeOffset FetchedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Legacy JWKS fetched in {ElapsedMs} ms: {KeyCount} signing keys")]
    private static partial void LogFetched(ILogger logger, long elapsedMs, int keyCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Legacy JWKS failed in {ElapsedMs} ms: {Reason}")]
    private static partial void LogFailed(ILogger logger, long elapsedMs, string? reason);
}
