using Godwit.Core.Passwords.Strength;

namespace Godwit.Core.Tests.Passwords.Strength;

public sealed class BreachedPasswordsTests
{
    [Fact]
    public void The_bundled_list_holds_the_100000_most_common_passwords_folded_to_lower_case()
    {
        Assert.Equal(96_518, BreachedPasswords.Count);
    }

    [Theory]
    [InlineData("123456")]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("Password")]
    [InlineData("qwerty123")]
    [InlineData("070162")]
    public void Common_passwords_and_their_case_variants_are_found(string password)
    {
        Assert.True(BreachedPasswords.Contains(password));
    }

    [Theory]
    [InlineData("")]
    [InlineData("quietly-orbiting-marmalade-7-tundra")]
    [InlineData("password ")]
    public void Other_passwords_are_not(string password)
    {
        Assert.False(BreachedPasswords.Contains(password));
    }
}
