using System.Text;
using Godwit.Core.Legacy;

namespace Godwit.Core.Tests.Legacy;

/// <summary>The signature Godwit sends and the answers it accepts, as docs/migration.md states them.</summary>
public sealed class LegacyHookContractTests
{
    [Fact]
    public void The_signature_is_hmac_sha256_of_timestamp_dot_body_in_hex_as_openssl_computes_it()
    {
        // echo -n '1767225600.<body>' | openssl dgst -sha256 -hmac 'whsec-test-0123456789'
        var body = LegacyHookRequests.Password("ada@example.com", "correct horse");

        var header = HookSignature.Header("whsec-test-0123456789", DateTimeOffset.FromUnixTimeSeconds(1767225600), body);

        Assert.Equal("""{"email":"ada@example.com","password":"correct horse"}""", Encoding.UTF8.GetString(body));
        Assert.Equal("t=1767225600,v1=e2c7eddcbefbcf292b03301aae3a4556fd89f5ed76265befacd0b4f18b40fc0a", header);
    }

    [Fact]
    public void Only_an_explicit_boolean_match_counts_and_its_profile_is_read()
    {
        var match = LegacyHookAnswer.Read(200, Utf8("""{"match": true, "email_verified": true, "name": {"first_name": "Ada", "last_name": null}, "external_id": "legacy-42", "extra": [1]}"""), requireEmail: false);
        var noMatch = LegacyHookAnswer.Read(200, Utf8("""{"match": false, "email_verified": "ignored"}"""), requireEmail: false);

        Assert.Equal(LegacyVerdictKind.Match, match.Kind);
        Assert.True(match.Profile!.EmailVerified);
        Assert.Equal(("Ada", null), (match.Profile.Name!.FirstName, match.Profile.Name.LastName));
        Assert.Equal("legacy-42", match.Profile.ExternalId);
        Assert.Equal(LegacyVerdictKind.NoMatch, noMatch.Kind);
    }

    [Theory]
    [InlineData(204, """{"match": true}""", "status 204")]
    [InlineData(200, """{"match": "false"}""", "boolean")]
    [InlineData(200, "true", "not an object")]
    [InlineData(200, "{", "not JSON")]
    [InlineData(200, """{"match": true, "name": {"first_name": 7}}""", "name.first_name")]
    [InlineData(200, """{"match": true, "untrusted_metadata": 3}""", "metadata")]
    public void Anything_else_is_a_failure_with_a_reason_for_the_log(int status, string body, string reason)
    {
        var verdict = LegacyHookAnswer.Read(status, Utf8(body), requireEmail: false);

        Assert.Equal(LegacyVerdictKind.Failed, verdict.Kind);
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_hook_match_must_name_a_valid_email_which_is_normalised()
    {
        var named = LegacyHookAnswer.Read(200, Utf8("""{"match": true, "email": " Ada@Example.COM "}"""), requireEmail: true);
        var unnamed = LegacyHookAnswer.Read(200, Utf8("""{"match": true}"""), requireEmail: true);

        Assert.Equal("ada@example.com", named.Email);
        Assert.Equal(LegacyVerdictKind.Failed, unnamed.Kind);
    }

    [Fact]
    public void An_answer_over_64_KiB_is_a_failure()
    {
        var body = Utf8($$"""{"match": false, "padding": "{{new string('x', LegacyHookAnswer.MaxBytes)}}"}""");

        Assert.Equal(LegacyVerdictKind.Failed, LegacyHookAnswer.Read(200, body, requireEmail: false).Kind);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
