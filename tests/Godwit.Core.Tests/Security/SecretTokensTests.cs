using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Security;

namespace Godwit.Core.Tests.Security;

public sealed class SecretTokensTests
{
    [Fact]
    public void A_new_token_is_43_base64url_characters_and_looks_like_a_token()
    {
        var token = SecretTokens.NewToken();

        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.True(SecretTokens.LooksLikeToken(token));
    }

    [Fact]
    public void New_tokens_do_not_repeat()
    {
        Assert.Equal(1000, Enumerable.Range(0, 1000).Select(_ => SecretTokens.NewToken()).Distinct().Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa+")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ")]
    [InlineData("ááááááááááááááááááááááááááááááááááááááááááá")]
    public void Strings_not_shaped_like_a_token_are_rejected_before_any_lookup(string? value)
    {
        Assert.False(SecretTokens.LooksLikeToken(value));
    }

    [Fact]
    public void A_new_code_is_six_digits()
    {
        Assert.All(Enumerable.Range(0, 200).Select(_ => SecretTokens.NewCode()), code => Assert.Matches("^[0-9]{6}$", code));
    }

    [Fact]
    public void A_token_is_stored_as_its_sha256()
    {
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes("token")), SecretTokens.HashToken("token"));
    }

    [Fact]
    public void A_code_hash_depends_on_the_key_so_a_leaked_table_cannot_be_enumerated_without_it()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var otherKey = RandomNumberGenerator.GetBytes(32);

        Assert.Equal(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("123456")), SecretTokens.HashCode(key, "123456"));
        Assert.NotEqual(SecretTokens.HashCode(key, "123456"), SecretTokens.HashCode(otherKey, "123456"));
        Assert.NotEqual(SecretTokens.HashCode(key, "123456"), SecretTokens.HashCode(key, "123457"));
    }

    [Fact]
    public void Base64url_has_no_padding_plus_or_slash()
    {
        Assert.Equal("-__8", SecretTokens.Base64Url([0xfb, 0xff, 0xfc]));
        Assert.Equal("AQ", SecretTokens.Base64Url([1]));
    }

    [Fact]
    public void Fixed_time_comparison_tells_equal_from_different_and_different_lengths()
    {
        Assert.True(SecretTokens.FixedTimeEquals([1, 2, 3], [1, 2, 3]));
        Assert.False(SecretTokens.FixedTimeEquals([1, 2, 3], [1, 2, 4]));
        Assert.False(SecretTokens.FixedTimeEquals([1, 2, 3], [1, 2]));
    }
}
