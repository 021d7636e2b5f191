using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Client.Http;
using Godwit.Contracts.Sessions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Client.Sessions;

/// <summary>
/// Checks a session JWT the way Stytch's SDKs do locally: RS256 by a key of the project's JWKS,
/// audience the project id, issuer <c>stytch.com/{project_id}</c> or the API's base URL, and within
/// its lifetime by <see cref="TimeProvider"/>. The session is read from the
/// <c>https://stytch.com/session</c> claim; every other non-registered claim is a custom claim.
/// </summary>
internal sealed class SessionJwtReader(JwksCache jwks, GodwitClientOptions options, TimeProvider clock)
{
    private const string SessionClaim = "https://stytch.com/session";
    private static readonly JsonWebTokenHandler Handler = new();
    private static readonly HashSet<string> RegisteredClaims = new(StringComparer.Ordinal) { "iss", "sub", "aud", "exp", "nbf", "iat", "jti", SessionClaim };

    public async Task<SessionJwtCheck> CheckAsync(string sessionJwt, TimeSpan? maxTokenAge, SessionsClient sessions, CancellationToken cancellationToken)
    {
        JsonWebToken token;
        try
        {
            token = new JsonWebToken(sessionJwt);
        }
        catch (ArgumentException)
        {
            return Invalid("The session JWT is not a JWT.");
        }

        if (string.IsNullOrEmpty(token.Kid) || await jwks.FindAsync(token.Kid, sessions, options, cancellationToken) is not { } key)
        {
            return Invalid($"The session JWT names the key '{token.Kid}', which the project's JWKS does not publish.");
        }

        var validation = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidAudience = options.ProjectId,
            ValidIssuers = options.JwtIssuer is { Length: > 0 } issuer
                ? [$"stytch.com/{options.ProjectId}", options.ResolvedBaseUrl.AbsoluteUri.TrimEnd('/'), issuer.TrimEnd('/')]
                : [$"stytch.com/{options.ProjectId}", options.ResolvedBaseUrl.AbsoluteUri.TrimEnd('/')],
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            IssuerSigningKey = key,
            // Lifetime is judged below against TimeProvider, so that stale means the same thing
            // to the application's clock and to its tests.
            ValidateLifetime = false,
        });
        if (!validation.IsValid)
        {
            return Invalid($"The session JWT did not validate: {validation.Exception?.Message}");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (token.ValidTo == DateTime.MinValue)
        {
            return Invalid("The session JWT has no exp claim.");
        }

        if (now >= token.ValidTo + options.ClockSkew)
        {
            return new SessionJwtCheck(SessionJwtStatus.Stale, null, "The session JWT has expired.");
        }

        if (token.ValidFrom != DateTime.MinValue && now + options.ClockSkew < token.ValidFrom)
        {
            return Invalid("The session JWT is not valid yet.");
        }

        if (maxTokenAge is { } maxAge && (token.IssuedAt == DateTime.MinValue || now - token.IssuedAt >= maxAge))
        {
            return new SessionJwtCheck(SessionJwtStatus.Stale, null, $"The session JWT was issued more than {maxAge} ago.");
        }

        return ReadSession(token) is { } session
            ? new SessionJwtCheck(SessionJwtStatus.Valid, session, null)
            : Invalid($"The session JWT has no {SessionClaim} claim.");
    }

    private static SessionJwtCheck Invalid(string why) => new(SessionJwtStatus.Invalid, null, why);

    private static SessionWire? ReadSession(JsonWebToken token)
    {
        var payload = JsonNode.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedPayload)) as JsonObject;
        if (payload?[SessionClaim] is not JsonObject claim || claim["id"]?.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var custom = new JsonObject();
        foreach (var (name, value) in payload)
        {
            if (!RegisteredClaims.Contains(name))
            {
                custom[name] = value?.DeepClone();
            }
        }

        var factors = claim["authentication_factors"] is JsonArray list
            ? list.Deserialize(WireJson.Responses.IReadOnlyListFactorWire) ?? []
            : [];
        var roles = claim["roles"] is JsonArray names ? names.Select(n => n?.GetValue<string>() ?? "").ToList() : [];
        var attributes = claim["attributes"] as JsonObject;
        return new SessionWire(
            Text(claim, "id"),
            token.Subject ?? "",
            factors,
            roles,
            Text(claim, "started_at"),
            Text(claim, "last_accessed_at"),
            Text(claim, "expires_at"),
            new AttributesWire(Text(attributes, "ip_address"), Text(attributes, "user_agent")),
            JsonSerializer.SerializeToElement(custom, WireJson.Responses.JsonObject));
    }

    private static string Text(JsonObject? node, string name) =>
        node?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
