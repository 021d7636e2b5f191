using System.Text;
using Godwit.Core.Legacy;
using Godwit.Core.Users;

namespace Godwit.Core.Tests.Legacy;

/// <summary>The user lookup hook's request and answers, as docs/migration.md states them.</summary>
public sealed class LegacyLookupAnswerTests
{
    [Fact]
    public void A_lookup_asks_about_one_address_in_normal_form()
    {
        Assert.Equal("""{"email":"ada@example.com"}""", Encoding.UTF8.GetString(LegacyHookRequests.UserLookup(AddressKind.Email, "ada@example.com")));
        Assert.Equal("""{"phone_number":"+15555550123"}""", Encoding.UTF8.GetString(LegacyHookRequests.UserLookup(AddressKind.Phone, "+15555550123")));
    }

    [Theory]
    [InlineData("""{"match": true, "external_id": "legacy-42"}""")]
    [InlineData("""{"match": true, "email": "ada@example.com"}""")]
    [InlineData("""{"match": true, "email": "  Ada@Example.COM "}""")]
    [InlineData("""{"match": true, "email": null, "phone_number": null}""")]
    public void A_match_naming_no_address_or_the_one_asked_about_is_a_match(string body)
    {
        var verdict = LegacyLookupAnswer.Read(200, Utf8(body), AddressKind.Email, "ada@example.com");

        Assert.Equal(LegacyVerdictKind.Match, verdict.Kind);
    }

    [Theory]
    [InlineData(AddressKind.Email, """{"match": true, "email": "eve@example.com"}""", "another \"email\"")]
    [InlineData(AddressKind.Email, """{"match": true, "email": "not an email"}""", "another \"email\"")]
    [InlineData(AddressKind.Email, """{"match": true, "email": ["ada@example.com"]}""", "another \"email\"")]
    [InlineData(AddressKind.Email, """{"match": true, "phone_number": "+15555550123"}""", "\"phone_number\"")]
    [InlineData(AddressKind.Phone, """{"match": true, "email": "ada@example.com"}""", "\"email\"")]
    [InlineData(AddressKind.Phone, """{"match": true, "phone_number": "+15555550999"}""", "another \"phone_number\"")]
    [InlineData(AddressKind.Email, """{"match": true, "trusted_metadata": [1]}""", "metadata")]
    public void A_match_naming_any_other_address_or_with_a_malformed_profile_is_a_failure(AddressKind kind, string body, string reason)
    {
        var asked = kind == AddressKind.Email ? "ada@example.com" : "+15555550123";

        var verdict = LegacyLookupAnswer.Read(200, Utf8(body), kind, asked);

        Assert.Equal(LegacyVerdictKind.Failed, verdict.Kind);
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_match_may_say_anything_else()
    {
        var verdict = LegacyLookupAnswer.Read(200, Utf8("""{"match": false, "email": "eve@example.com"}"""), AddressKind.Email, "ada@example.com");

        Assert.Equal(LegacyVerdictKind.NoMatch, verdict.Kind);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
