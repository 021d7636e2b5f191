using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Godwit.Testing.Http;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Server.Tests.Legacy;

/// <summary>
/// <c>POST /v1/sessions/migrate</c> from an OIDC legacy system, on every database: opaque access
/// tokens through its UserInfo endpoint, its JWTs against its JWKS.
/// </summary>
public abstract class OidcSessionMigrationContract
{
    private protected abstract MigrationGodwit Godwit { get; }

    private HttpClient Client => Godwit.Host.Client;

    private LegacySystem Legacy => Godwit.Legacy;

    private FakeTimeProvider Clock => Godwit.Clock!;

    [Fact]
    public async Task A_userinfo_token_of_an_existing_user_starts_an_hour_long_session_with_an_imported_factor()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await Client.PostAsync("/v1/users", new { email });
        var token = Legacy.AddUserInfoToken(new JsonObject { ["sub"] = "legacy|42", ["email"] = email.ToUpperInvariant(), ["email_verified"] = true });

        var migrated = await Migrate(token);

        Assert.Equal(HttpStatusCode.OK, migrated.Status);
        Assert.Equal(created.Text("user_id"), migrated.Text("user_id"));
        Assert.Equal(created.Text("user_id"), migrated.Body.GetProperty("user").GetProperty("user_id").GetString());
        Assert.True(migrated.Body.GetProperty("user").GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        var session = migrated.Body.GetProperty("session");
        Assert.Equal(TimeSpan.FromMinutes(60), Instant(session, "expires_at") - Instant(session, "started_at"));
        var factor = session.GetProperty("authentication_factors")[0];
        Assert.Equal(("imported", "imported_auth0"), (factor.GetProperty("type").GetString(), factor.GetProperty("delivery_method").GetString()));
        Assert.Equal(email, factor.GetProperty("email_factor").GetProperty("email_address").GetString());
        Assert.NotEqual(token, migrated.Text("session_token"));
        var check = await Client.PostAsync("/v1/sessions/authenticate", new { session_jwt = migrated.Text("session_jwt") });
        Assert.Equal(HttpStatusCode.OK, check.Status);
        Assert.Equal(created.Text("user_id"), check.Body.GetProperty("session").GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task An_unknown_email_gets_a_new_user_verified_only_when_userinfo_says_email_verified_true()
    {
        var verified = ApiCalls.UniqueEmail();
        var cognitoStyle = ApiCalls.UniqueEmail();
        var unverified = ApiCalls.UniqueEmail();

        var answers = new[]
        {
            await Migrate(Legacy.AddUserInfoToken(new JsonObject { ["email"] = verified, ["email_verified"] = true, ["given_name"] = "Ada", ["family_name"] = "Lovelace" })),
            await Migrate(Legacy.AddUserInfoToken(new JsonObject { ["email"] = cognitoStyle, ["email_verified"] = "true" })),
            await Migrate(Legacy.AddUserInfoToken(new JsonObject { ["email"] = unverified })),
        };

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Equal([true, true, false], answers.Select(a => a.Body.GetProperty("user").GetProperty("emails")[0].GetProperty("verified").GetBoolean()));
        var name = answers[0].Body.GetProperty("user").GetProperty("name");
        Assert.Equal(("Ada", "Lovelace"), (name.GetProperty("first_name").GetString(), name.GetProperty("last_name").GetString()));
        Assert.Equal(1, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, unverified));
    }

    [Fact]
    public async Task Userinfo_verifies_an_existing_unverified_email_and_never_unverifies_one()
    {
        var email = ApiCalls.UniqueEmail();
        var created = await Client.PostAsync("/v1/users", new { email });

        var verifying = await Migrate(Legacy.AddUserInfoToken(new JsonObject { ["email"] = email, ["email_verified"] = true }));
        var silent = await Migrate(Legacy.AddUserInfoToken(new JsonObject { ["email"] = email, ["email_verified"] = false }));

        Assert.True(verifying.Body.GetProperty("user").GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        Assert.Equal((HttpStatusCode.Forbidden, "legacy_email_not_verified"), (silent.Status, silent.ErrorType));
        var user = await Client.GetJsonAsync($"/v1/users/{created.Text("user_id")}");
        Assert.True(user.Body.GetProperty("emails")[0].GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task A_token_userinfo_refuses_is_unable_to_auth_legacy_session_and_an_answer_without_email_is_legacy_session_without_email()
    {
        var refused = await Migrate("legacy-at-that-was-revoked-long-ago");
        var noEmail = await Migrate(Legacy.AddUserInfoToken(new JsonObject { ["sub"] = "legacy|7", ["name"] = "No Email" }));
        var badEmail = await Migrate(Legacy.AddUserInfoToken(new JsonObject { ["email"] = "not an email" }));

        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_legacy_session"), (refused.Status, refused.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "legacy_session_without_email"), (noEmail.Status, noEmail.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "legacy_session_without_email"), (badEmail.Status, badEmail.ErrorType));
    }

    [Fact]
    public async Task Session_duration_and_custom_claims_are_applied_to_the_new_session()
    {
        var token = Legacy.AddUserInfoToken(new JsonObject { ["email"] = ApiCalls.UniqueEmail() });

        var migrated = await Client.PostAsync("/v1/sessions/migrate", new { session_token = token, session_duration_minutes = 600, session_custom_claims = new { tenant = "acme" } });

        Assert.Equal(HttpStatusCode.OK, migrated.Status);
        var session = migrated.Body.GetProperty("session");
        Assert.Equal(TimeSpan.FromMinutes(600), Instant(session, "expires_at") - Instant(session, "started_at"));
        Assert.Equal("acme", session.GetProperty("custom_claims").GetProperty("tenant").GetString());
    }

    [Fact]
    public async Task A_legacy_jwt_is_checked_against_the_legacy_jwks_without_asking_userinfo()
    {
        var email = ApiCalls.UniqueEmail();
        var before = Legacy.UserInfoCalls;

        var migrated = await Migrate(Legacy.IssueJwt(Claims(email, expiresIn: TimeSpan.FromHours(1), verified: true)));

        Assert.Equal(HttpStatusCode.OK, migrated.Status);
        Assert.Equal(email, migrated.Body.GetProperty("user").GetProperty("emails")[0].GetProperty("email").GetString());
        Assert.True(migrated.Body.GetProperty("user").GetProperty("emails")[0].GetProperty("verified").GetBoolean());
        Assert.Equal(before, Legacy.UserInfoCalls);
    }

    [Fact]
    public async Task A_legacy_jwt_is_accepted_until_thirty_seconds_past_its_expiry_and_refused_from_then_on()
    {
        var email = ApiCalls.UniqueEmail();
        var jwt = Legacy.IssueJwt(Claims(email, expiresIn: TimeSpan.FromMinutes(2), verified: false));

        Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(29));
        var lastMoment = await Migrate(jwt);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await Migrate(jwt);

        Assert.Equal(HttpStatusCode.OK, lastMoment.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_auth_legacy_session"), (expired.Status, expired.ErrorType));
        Assert.Contains("expired", expired.Text("error_message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Legacy_jwts_from_another_issuer_for_another_audience_or_with_a_bad_signature_are_refused_and_create_nothing()
    {
        var email = ApiCalls.UniqueEmail();
        using var otherKey = RSA.Create(2048);
        var good = Claims(email, TimeSpan.FromHours(1), verified: true);
        var otherIssuer = Claims(email, TimeSpan.FromHours(1), verified: true);
        otherIssuer["iss"] = "https://evil.example.test/";
        var otherAudience = Claims(email, TimeSpan.FromHours(1), verified: true);
        otherAudience["aud"] = "another-app";
        var noExpiry = Claims(email, TimeSpan.FromHours(1), verified: true);
        noExpiry.Remove("exp");
        var notYet = Claims(email, TimeSpan.FromHours(1), verified: true);
        notYet["nbf"] = Clock.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds();
        var unsigned = Legacy.IssueJwt(good).Split('.');
        var header = LegacySystem.Base64Url(Encoding.UTF8.GetBytes($$"""{"alg":"none","kid":"{{LegacySystem.KeyId}}"}"""));
        var symmetricHeader = LegacySystem.Base64Url(Encoding.UTF8.GetBytes($$"""{"alg":"HS256","kid":"{{LegacySystem.KeyId}}"}"""));
        var publicKeyAsSecret = Legacy.SigningKey.ExportSubjectPublicKeyInfo();
        var symmetric = $"{symmetricHeader}.{unsigned[1]}";

        var tokens = new Dictionary<string, string>
        {
            ["issuer"] = Legacy.IssueJwt(otherIssuer),
            ["audience"] = Legacy.IssueJwt(otherAudience),
            ["signature"] = Legacy.IssueJwt(good, otherKey),
            ["key"] = Legacy.IssueJwt(good, otherKey, keyId: "unknown-key"),
            ["exp"] = Legacy.IssueJwt(noExpiry),
            ["valid yet"] = Legacy.IssueJwt(notYet),
            ["none"] = $"{header}.{unsigned[1]}.",
            ["algorithm"] = $"{symmetric}.{LegacySystem.Base64Url(HMACSHA256.HashData(publicKeyAsSecret, Encoding.ASCII.GetBytes(symmetric)))}",
        };

        foreach (var (reason, token) in tokens)
        {
            var refused = await Migrate(token);
            Assert.True((refused.Status, refused.ErrorType) == (HttpStatusCode.Unauthorized, "unable_to_auth_legacy_session"), $"{reason}: {refused}");
        }

        Assert.Equal(0, await LegacyDatabase.UsersWithEmailAsync(Godwit.Host, email));
        Assert.Equal(HttpStatusCode.OK, (await Migrate(Legacy.IssueJwt(good))).Status);
    }

    [Fact]
    public async Task A_legacy_jwt_without_the_email_claim_is_legacy_session_without_email()
    {
        var claims = Claims(ApiCalls.UniqueEmail(), TimeSpan.FromHours(1), verified: true);
        claims.Remove("email");

        var migrated = await Migrate(Legacy.IssueJwt(claims));

        Assert.Equal((HttpStatusCode.BadRequest, "legacy_session_without_email"), (migrated.Status, migrated.ErrorType));
    }

    private JsonObject Claims(string email, TimeSpan expiresIn, bool verified)
    {
        var now = Clock.GetUtcNow();
        return new JsonObject
        {
            ["iss"] = LegacySystem.Issuer,
            ["aud"] = LegacySystem.Audience,
            ["sub"] = "legacy|" + Guid.NewGuid().ToString("N"),
            ["email"] = email,
            ["email_verified"] = verified,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + expiresIn).ToUnixTimeSeconds(),
        };
    }

    private Task<ApiAnswer> Migrate(string token) => Client.PostAsync("/v1/sessions/migrate", new { session_token = token });

    private static DateTimeOffset Instant(System.Text.Json.JsonElement session, string property) =>
        DateTimeOffset.Parse(session.GetProperty(property).GetString()!, CultureInfo.InvariantCulture);
}

public sealed class OidcSessionMigrationOnSqlite(OidcSqliteGodwit godwit) : OidcSessionMigrationContract, IClassFixture<OidcSqliteGodwit>
{
    private protected override MigrationGodwit Godwit => godwit;
}

public sealed class OidcSessionMigrationOnPostgres(OidcPostgresGodwit godwit) : OidcSessionMigrationContract, IClassFixture<OidcPostgresGodwit>
{
    private protected override MigrationGodwit Godwit => godwit;
}
