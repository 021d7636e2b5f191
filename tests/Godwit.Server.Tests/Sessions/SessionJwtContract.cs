using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Core.Sessions;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Server.Tests.Sessions;

/// <summary>Session JWTs as a relying party sees them (Stytch's layout, verifiable with the public JWKS alone), on every database.</summary>
public abstract class SessionJwtContract
{
    protected abstract GodwitHost Host { get; }

    private HttpClient Client => Host.Client;

    [Fact]
    public async Task The_jwt_header_names_rs256_jwt_and_a_key_id_the_jwks_publishes()
    {
        var started = await TestSessions.StartAsync(Host);

        var header = JwtParts.Header(started.Jwt);
        var jwks = await Host.Anonymous.GetJsonAsync($"/v1/sessions/jwks/{Host.ProjectId}");

        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        var kid = header.GetProperty("kid").GetString();
        Assert.Contains(kid, jwks.Body.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
    }

    [Fact]
    public async Task The_jwt_claims_name_the_issuer_the_project_the_user_and_the_session()
    {
        var started = await TestSessions.StartAsync(Host, customClaims: new JsonObject { ["tenant"] = "acme" });
        var session = (await Client.PostAsync("/v1/sessions/authenticate", new { session_token = started.Token })).Body.GetProperty("session");

        var claims = JwtParts.Payload(started.Jwt);

        Assert.Equal(Host.BaseUrl.ToString().TrimEnd('/'), claims.GetProperty("iss").GetString());
        Assert.Contains(Host.ProjectId, Audiences(claims));
        Assert.Equal(started.UserId, claims.GetProperty("sub").GetString());
        Assert.Equal(300, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.InRange(claims.GetProperty("iat").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        Assert.Equal("acme", claims.GetProperty("tenant").GetString());
        var stytch = claims.GetProperty("https://stytch.com/session");
        Assert.Equal(started.SessionId, stytch.GetProperty("id").GetString());
        Assert.Equal(session.GetProperty("started_at").GetString(), stytch.GetProperty("started_at").GetString());
        Assert.Equal(session.GetProperty("expires_at").GetString(), stytch.GetProperty("expires_at").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", stytch.GetProperty("last_accessed_at").GetString()!);
        var factor = Assert.Single(stytch.GetProperty("authentication_factors").EnumerateArray());
        Assert.Equal("magic_link", factor.GetProperty("type").GetString());
        Assert.Equal(started.EmailId, factor.GetProperty("email_factor").GetProperty("email_id").GetString());
    }

    [Fact]
    public async Task The_jwt_signature_verifies_against_the_jwks_fetched_without_credentials()
    {
        var started = await TestSessions.StartAsync(Host);
        using var response = await Host.Anonymous.GetAsync(new Uri($"/v1/sessions/jwks/{Host.ProjectId}", UriKind.Relative), TestContext.Current.CancellationToken);
        var keySet = new JsonWebKeySet(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(started.Jwt, new TokenValidationParameters
        {
            ValidIssuer = Host.BaseUrl.ToString().TrimEnd('/'),
            ValidAudience = Host.ProjectId,
            IssuerSigningKeys = keySet.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(started.UserId, result.ClaimsIdentity.FindFirst("sub")?.Value);
    }

    [Fact]
    public async Task The_jwks_publishes_rsa_signing_keys_without_private_parts()
    {
        var jwks = await Host.Anonymous.GetJsonAsync($"/v1/sessions/jwks/{Host.ProjectId}");

        Assert.Equal(HttpStatusCode.OK, jwks.Status);
        var key = jwks.Body.GetProperty("keys")[0];
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.False(string.IsNullOrEmpty(key.GetProperty("n").GetString()));
        Assert.Equal("AQAB", key.GetProperty("e").GetString());
        Assert.False(key.TryGetProperty("d", out _));
        Assert.False(key.TryGetProperty("p", out _));
    }

    [Fact]
    public async Task The_jwks_of_another_project_id_is_not_found()
    {
        var answer = await Host.Anonymous.GetJsonAsync($"/v1/sessions/jwks/project-live-{Guid.NewGuid():D}");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("project_not_found", answer.ErrorType);
    }

    [Fact]
    public async Task A_jwt_with_a_tampered_payload_is_unable_to_parse_session_jwt()
    {
        var started = await TestSessions.StartAsync(Host);
        var victim = await TestSessions.StartAsync(Host);
        var parts = started.Jwt.Split('.');
        var claims = JsonNode.Parse(JwtParts.Payload(started.Jwt).GetRawText())!.AsObject();
        claims["sub"] = victim.UserId;
        claims["https://stytch.com/session"]!["id"] = victim.SessionId;

        var answer = await Authenticate($"{parts[0]}.{JwtParts.Encode(claims.ToJsonString())}.{parts[2]}");

        Assert.Equal((HttpStatusCode.BadRequest, "unable_to_parse_session_jwt"), (answer.Status, answer.ErrorType));
    }

    [Fact]
    public async Task A_jwt_signed_by_another_key_under_the_projects_key_id_is_unable_to_parse_session_jwt()
    {
        var started = await TestSessions.StartAsync(Host);
        var kid = JwtParts.Header(started.Jwt).GetProperty("kid").GetString()!;
        using var rsa = RSA.Create(2048);

        var forged = Sign(JwtParts.Payload(started.Jwt).GetRawText(), new RsaSecurityKey(rsa) { KeyId = kid });
        var answer = await Authenticate(forged);

        Assert.Equal((HttpStatusCode.BadRequest, "unable_to_parse_session_jwt"), (answer.Status, answer.ErrorType));
    }

    [Fact]
    public async Task A_jwt_signed_by_an_unknown_key_is_unable_to_parse_session_jwt()
    {
        var started = await TestSessions.StartAsync(Host);
        using var rsa = RSA.Create(2048);

        var forged = Sign(JwtParts.Payload(started.Jwt).GetRawText(), new RsaSecurityKey(rsa) { KeyId = "jwk-live-" + Guid.NewGuid() });
        var answer = await Authenticate(forged);

        Assert.Equal((HttpStatusCode.BadRequest, "unable_to_parse_session_jwt"), (answer.Status, answer.ErrorType));
    }

    [Fact]
    public async Task An_unsigned_jwt_is_unable_to_parse_session_jwt()
    {
        var started = await TestSessions.StartAsync(Host);
        var kid = JwtParts.Header(started.Jwt).GetProperty("kid").GetString();
        var header = JwtParts.Encode($$"""{"alg":"none","typ":"JWT","kid":"{{kid}}"}""");

        var answer = await Authenticate($"{header}.{started.Jwt.Split('.')[1]}.");

        Assert.Equal((HttpStatusCode.BadRequest, "unable_to_parse_session_jwt"), (answer.Status, answer.ErrorType));
    }

    [Theory]
    [InlineData("iss", "https://evil.example")]
    [InlineData("aud", "project-live-00000000-0000-0000-0000-000000000000")]
    public async Task A_jwt_signed_by_the_project_key_for_another_issuer_or_audience_is_unable_to_parse_session_jwt(string claim, string value)
    {
        var started = await TestSessions.StartAsync(Host);
        var claims = JsonNode.Parse(JwtParts.Payload(started.Jwt).GetRawText())!.AsObject();
        claims[claim] = value;

        var answer = await Authenticate(Sign(claims.ToJsonString(), ProjectSigningKey()));

        Assert.Equal((HttpStatusCode.BadRequest, "unable_to_parse_session_jwt"), (answer.Status, answer.ErrorType));
    }

    [Fact]
    public async Task A_genuine_jwt_naming_a_session_that_does_not_exist_is_session_not_found()
    {
        var started = await TestSessions.StartAsync(Host);
        var claims = JsonNode.Parse(JwtParts.Payload(started.Jwt).GetRawText())!.AsObject();
        claims["https://stytch.com/session"]!["id"] = $"session-live-{Guid.NewGuid():D}";

        var answer = await Authenticate(Sign(claims.ToJsonString(), ProjectSigningKey()));

        Assert.Equal((HttpStatusCode.NotFound, "session_not_found"), (answer.Status, answer.ErrorType));
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("")]
    public async Task A_string_that_is_not_a_jwt_is_unable_to_parse_session_jwt(string jwt)
    {
        var answer = await Authenticate(jwt);

        Assert.Equal((HttpStatusCode.BadRequest, "unable_to_parse_session_jwt"), (answer.Status, answer.ErrorType));
    }

    private Task<ApiAnswer> Authenticate(string jwt) => Client.PostAsync("/v1/sessions/authenticate", new { session_jwt = jwt });

    /// <summary>The project's own private key, taken from the running host to forge otherwise-genuine tokens.</summary>
    private SecurityKey ProjectSigningKey() => Host.Services.GetRequiredService<SigningKeyRing>().SigningKey.SecurityKey;

    private static string Sign(string payload, SecurityKey key) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(payload, new SigningCredentials(key, SecurityAlgorithms.RsaSha256));

    private static IEnumerable<string?> Audiences(JsonElement claims)
    {
        var audience = claims.GetProperty("aud");
        return audience.ValueKind == JsonValueKind.Array ? audience.EnumerateArray().Select(a => a.GetString()) : [audience.GetString()];
    }
}

public sealed class SessionJwtOnSqlite(SqliteGodwit godwit) : SessionJwtContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class SessionJwtOnPostgres(PostgresGodwit godwit) : SessionJwtContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
