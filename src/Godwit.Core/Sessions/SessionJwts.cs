using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Core.Sessions;

/// <summary>
/// Issues and reads session JWTs in Stytch's layout: RS256, <c>iss</c> the public URL,
/// <c>aud</c> the project id, <c>sub</c> the user id, the session under the
/// <c>https://stytch.com/session</c> claim and the application's custom claims at the top level.
/// </summary>
public sealed class SessionJwts(SigningKeyRing keys, SessionTokenOptions options, TimeProvider clock, string issuer, string projectId)
{
    private const int CacheSweepThreshold = 100_000;
    public const string SessionClaim = "https://stytch.com/session";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static readonly IReadOnlySet<string> ReservedClaims = new HashSet<string>(StringComparer.Ordinal) { "iss", "sub", "aud", "exp", "nbf", "iat", "jti" };

    private readonly ConcurrentDictionary<string, RecentJwt> recent = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, VerifiedJwt> verified = new(StringComparer.Ordinal);

    /// <summary>
    /// A JWT for the session as it is now: the one signed moments ago if the session has not
    /// changed since, otherwise a fresh one. Reuse is only an optimisation of this process; the
    /// session row still decides whether the session is valid.
    /// </summary>
    public string IssueOrReuse(Session session)
    {
        var now = clock.GetUtcNow();
        var fingerprint = Fingerprint(session);
        if (recent.TryGetValue(session.SessionId, out var cached) && cached.Fingerprint == fingerprint && now - cached.IssuedAt < options.JwtReuseWindow)
        {
            return cached.Jwt;
        }

        var jwt = Issue(session);
        Remember(recent, session.SessionId, new RecentJwt(fingerprint, jwt, now), entry => now - entry.IssuedAt >= options.JwtReuseWindow);
        return jwt;
    }

    public string Issue(Session session)
    {
        var now = clock.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeSeconds(Math.Min(
            (now + options.JwtLifetime).ToUnixTimeSeconds(),
            new DateTimeOffset(session.ExpiresAt, TimeSpan.Zero).ToUnixTimeSeconds()));

        var payload = JsonNode.Parse(session.CustomClaims)!.AsObject();
        payload["sub"] = session.UserId;
        payload["iss"] = issuer;
        payload["aud"] = new JsonArray(projectId);
        payload["iat"] = now.ToUnixTimeSeconds();
        payload["nbf"] = now.ToUnixTimeSeconds();
        payload["exp"] = expires.ToUnixTimeSeconds();
        payload[SessionClaim] = new JsonObject
        {
            ["id"] = session.SessionId,
            ["started_at"] = Rfc3339(session.StartedAt),
            ["last_accessed_at"] = Rfc3339(session.LastAccessedAt),
            ["expires_at"] = Rfc3339(session.ExpiresAt),
            ["attributes"] = new JsonObject { ["ip_address"] = "", ["user_agent"] = "" },
            ["authentication_factors"] = JsonSerializer.SerializeToNode(session.Factors.Select(FactorJson.ToWire).ToList()),
            ["roles"] = new JsonArray([.. session.Roles.Select(role => JsonValue.Create(role))]),
        };

        var key = keys.SigningKey;
        return Handler.CreateToken(payload.ToJsonString(), new SigningCredentials(key.SecurityKey, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>
    /// Returns the session id of a JWT this project signed, whether or not it has expired: an
    /// expired JWT of a live session is exchanged for a fresh one, as Stytch does.
    /// </summary>
    /// <remarks>
    /// A client shows the same JWT on every check until it gets a new one, so each JWT this process has
    /// verified is remembered for <see cref="SessionTokenOptions.JwtLifetime"/>, by the SHA-256 of the JWT exactly as presented,
    /// with the key that signed it: checking its RSA signature again on every request cost more than
    /// reading the session. It is still refused once that key is no longer published.
    /// </remarks>
    public async Task<string?> ReadSessionIdAsync(string jwt, Func<Task> refreshKeys)
    {
        var now = clock.GetUtcNow();
        var key = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(jwt)));
        if (verified.TryGetValue(key, out var known) && now - known.VerifiedAt < options.JwtLifetime && keys.Find(known.Kid) is not null)
        {
            return known.SessionId;
        }

        var sessionId = await VerifyAsync(jwt, refreshKeys);
        if (sessionId.Id is { } id)
        {
            Remember(verified, key, new VerifiedJwt(id, sessionId.Kid, now), entry => now - entry.VerifiedAt >= options.JwtLifetime);
        }

        return sessionId.Id;
    }

    private async Task<(string? Id, string Kid)> VerifyAsync(string jwt, Func<Task> refreshKeys)
    {
        JsonWebToken parsed;
        try
        {
            parsed = new JsonWebToken(jwt);
        }
        catch (ArgumentException)
        {
            // Includes SecurityTokenMalformedException: not a JWT at all.
            return (null, "");
        }

        if (keys.Find(parsed.Kid) is null)
        {
            // Another process may have rotated the key since this one last loaded them.
            await refreshKeys();
            if (keys.Find(parsed.Kid) is null)
            {
                return (null, "");
            }
        }

        var result = await Handler.ValidateTokenAsync(parsed, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = projectId,
            ValidateLifetime = false,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            IssuerSigningKeyResolver = (_, _, kid, _) => keys.Find(kid) is { } key ? [key.SecurityKey] : [],
        });
        if (!result.IsValid)
        {
            return (null, "");
        }

        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parsed.EncodedPayload));
        return payload.RootElement.TryGetProperty(SessionClaim, out var claim)
            && claim.ValueKind == JsonValueKind.Object
            && claim.TryGetProperty("id", out var id)
            && id.ValueKind == JsonValueKind.String
                ? (id.GetString(), parsed.Kid)
                : (null, "");
    }

    /// <summary>
    /// What a session JWT says that a client acts on. last_accessed_at is left out: it moves every
    /// minute, and a reused JWT may show it a few minutes late.
    /// </summary>
    private static string Fingerprint(Session session) => string.Concat(
        session.ExpiresAt.Ticks.ToString(CultureInfo.InvariantCulture),
        "|",
        session.Factors.Count.ToString(CultureInfo.InvariantCulture),
        "|",
        session.Factors.Count == 0 ? "" : session.Factors.Max(f => f.LastAuthenticatedAt).Ticks.ToString(CultureInfo.InvariantCulture),
        "|",
        session.CustomClaims);

    public static string Rfc3339(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>True when no custom claim collides with a registered or Stytch claim.</summary>
    public static bool AreAllowedCustomClaims(JsonObject claims) =>
        claims.All(c => !ReservedClaims.Contains(c.Key) && !c.Key.StartsWith("https://stytch.com/", StringComparison.Ordinal));

    public static int ByteCount(JsonObject claims) => Encoding.UTF8.GetByteCount(claims.ToJsonString());

    /// <summary>Adds to a cache, first dropping its stale entries once it has grown large.</summary>
    private static void Remember<T>(ConcurrentDictionary<string, T> cache, string key, T entry, Func<T, bool> isStale)
    {
        if (cache.Count >= CacheSweepThreshold)
        {
            foreach (var (staleKey, value) in cache)
            {
                if (isStale(value))
                {
                    cache.TryRemove(staleKey, out _);
                }
            }
        }

        cache[key] = entry;
    }

    private sealed record RecentJwt(string Fingerprint, string Jwt, DateTimeOffset IssuedAt);

    private sealed record VerifiedJwt(string SessionId, string Kid, DateTimeOffset VerifiedAt);
}
