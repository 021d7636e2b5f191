using Godwit.Core.Users;

namespace Godwit.Core.Tests.Users;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ann@example.com", "ann@example.com")]
    [InlineData("  Ann.Lee+tag@Example.COM ", "ann.lee+tag@example.com")]
    [InlineData("o'brien@sub.example.co.uk", "o'brien@sub.example.co.uk")]
    [InlineData("user@godwit.test", "user@godwit.test")]
    public void A_valid_address_is_trimmed_and_lower_cased(string given, string expected)
    {
        Assert.True(EmailAddress.TryNormalize(given, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("no-at-sign")]
    [InlineData("@example.com")]
    [InlineData("ann@")]
    [InlineData("ann@@example.com")]
    [InlineData("ann@b@example.com")]
    [InlineData("ann@localhost")]
    [InlineData("ann@.example.com")]
    [InlineData("ann@example.com.")]
    [InlineData("ann@example..com")]
    [InlineData("ann lee@example.com")]
    [InlineData("ann@exa mple.com")]
    [InlineData("ann\t@example.com")]
    [InlineData("Ann <ann@example.com>")]
    public void An_invalid_address_is_refused(string? given)
    {
        Assert.False(EmailAddress.TryNormalize(given, out var normalized));
        Assert.Equal("", normalized);
    }

    [Fact]
    public void An_address_longer_than_254_characters_is_refused()
    {
        var local = new string('a', 64);
        var domain = string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com";

        Assert.True((local + "@" + domain).Length > 254);
        Assert.False(EmailAddress.TryNormalize(local + "@" + domain, out _));
    }
}
