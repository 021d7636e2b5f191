using Godwit.Core.Users;

namespace Godwit.Core.Tests.Users;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+15550101234", "+15550101234")]
    [InlineData("+1 (555) 010-1234", "+15550101234")]
    [InlineData(" +1.555.010.1234 ", "+15550101234")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+12345678", "+12345678")]
    [InlineData("+123456789012345", "+123456789012345")]
    public void A_valid_number_in_any_common_layout_becomes_bare_e164(string given, string expected)
    {
        Assert.True(PhoneNumber.TryNormalize(given, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("15550101234")]
    [InlineData("555-0101")]
    [InlineData("+1234567")]
    [InlineData("+1234567890123456")]
    [InlineData("+05550101234")]
    [InlineData("+1555abc0101")]
    [InlineData("+1 555 010 1234 ext 5")]
    [InlineData("++15550101234")]
    [InlineData("+1/555/010/1234")]
    [InlineData("+١٥٥٥٠١٠١٢٣٤")]
    public void An_invalid_number_is_refused(string? given)
    {
        Assert.False(PhoneNumber.TryNormalize(given, out var normalized));
        Assert.Equal("", normalized);
    }

    [Fact]
    public void Input_longer_than_32_characters_is_refused_even_with_few_digits()
    {
        Assert.False(PhoneNumber.TryNormalize("+1" + new string(' ', 40) + "5550101234", out _));
    }
}
