using System.Text;
using Godwit.Core.Security;
using Godwit.Core.WebAuthn;

namespace Godwit.Core.Tests.WebAuthn;

public sealed class ClientDataTests
{
    [Fact]
    public void Client_data_as_chromium_writes_it_is_read_with_its_challenge_decoded()
    {
        var json = """{"type":"webauthn.get","challenge":"AAECAw","origin":"http://localhost:3000","crossOrigin":false,"other_keys_can_be_added_here":"x"}""";

        var parsed = ClientData.Parse(Encoding.UTF8.GetBytes(json)).Value;

        Assert.Equal(("webauthn.get", "http://localhost:3000", false, (string?)null), (parsed.Type, parsed.Origin, parsed.CrossOrigin, parsed.TopOrigin));
        Assert.Equal([0, 1, 2, 3], parsed.Challenge);
    }

    [Theory]
    [InlineData("""{"challenge":"AA","origin":"o"}""")]
    [InlineData("""{"type":"webauthn.get","origin":"o"}""")]
    [InlineData("""{"type":"webauthn.get","challenge":"!!","origin":"o"}""")]
    [InlineData("""{"type":1,"challenge":"AA","origin":"o"}""")]
    [InlineData("""[]""")]
    [InlineData("""{"type":""")]
    public void Client_data_missing_a_member_or_not_json_is_malformed(string json)
    {
        Assert.Equal("invalid_public_key_credential_malformed_client_data_json", ClientData.Parse(Encoding.UTF8.GetBytes(json)).Error?.ErrorType);
    }

    [Theory]
    [InlineData("AAECAw", new byte[] { 0, 1, 2, 3 })]
    [InlineData("AAECAw==", new byte[] { 0, 1, 2, 3 })]
    [InlineData("-_8", new byte[] { 0xfb, 0xff })]
    [InlineData("+/8=", new byte[] { 0xfb, 0xff })]
    public void Base64url_and_standard_base64_both_decode(string text, byte[] expected)
    {
        Assert.True(LenientBase64.TryDecode(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("AA AA")]
    [InlineData("%%%%")]
    public void Text_that_is_no_base64_does_not_decode(string text)
    {
        Assert.False(LenientBase64.TryDecode(text, out _));
    }
}
