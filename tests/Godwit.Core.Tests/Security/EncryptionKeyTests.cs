using Godwit.Core.Security;

namespace Godwit.Core.Tests.Security;

public sealed class EncryptionKeyTests
{
    [Fact]
    public void A_new_setting_is_a_dated_id_and_32_random_bytes_in_base64_and_parses()
    {
        var now = new DateTimeOffset(2025, 6, 1, 23, 30, 0, TimeSpan.FromHours(-5));

        var setting = EncryptionKey.NewSetting(now);

        Assert.Matches("^20250602-[0-9a-f]{4}:[A-Za-z0-9+/]{43}=$", setting);
        Assert.Equal(setting[..13], TestKeys.Key(setting).Id);
        Assert.NotEqual(setting[14..], EncryptionKey.NewSetting(now)[14..]);
    }

    [Theory]
    [InlineData("k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "k1")]
    [InlineData("  k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY  ", "k1")]
    [InlineData("prod_2025.1-a:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY", "prod_2025.1-a")]
    public void A_setting_is_an_id_a_colon_and_the_base64_or_base64url_of_32_bytes(string setting, string id) =>
        Assert.Equal(id, TestKeys.Key(setting).Id);

    [Theory]
    [InlineData("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "<id>:<base64 key>")]
    [InlineData(":MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "<id>:<base64 key>")]
    [InlineData("k 1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "<id>:<base64 key>")]
    [InlineData("k123456789012345678901234567890123:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "<id>:<base64 key>")]
    [InlineData("k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZQ==", "key 'k1' must be the base64 of 32 random bytes")]
    [InlineData("k1:not base64", "key 'k1' must be the base64 of 32 random bytes")]
    [InlineData("", "<id>:<base64 key>")]
    public void Anything_else_is_refused_with_the_reason(string setting, string reason)
    {
        Assert.Null(EncryptionKey.TryParse(setting, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        // The key material never appears in the reason, which ends up in a log or a terminal.
        Assert.DoesNotContain("MDEy", problem, StringComparison.Ordinal);
    }
}
