using Godwit.Core.Passwords.Strength;

namespace Godwit.Core.Tests.Passwords.Strength;

public sealed class LudsPolicyTests
{
    private static PasswordStrength Check(string password, int minLength = 8, int minComplexity = 3, string? email = "ann@example.com")
    {
        var options = new PasswordStrengthOptions
        {
            Policy = PasswordStrengthPolicy.Luds,
            LudsMinLength = minLength,
            LudsMinComplexity = minComplexity,
        };
        Assert.True(new PasswordStrengthChecker(options).TryCheck(password, email, out var strength));
        Assert.Equal(PasswordStrengthPolicy.Luds, strength.Policy);
        Assert.Equal("luds", strength.PolicyName);
        Assert.Equal("", strength.Feedback.Warning);
        Assert.Empty(strength.Feedback.Suggestions);
        return strength;
    }

    [Theory]
    [InlineData("abcdefgh", true, false, false, false)]
    [InlineData("ABCDEFGH", false, true, false, false)]
    [InlineData("12345678", false, false, true, false)]
    [InlineData("!@#$%^&*", false, false, false, true)]
    [InlineData("aB3!aB3!", true, true, true, true)]
    public void Each_character_class_is_reported(string password, bool lower, bool upper, bool digit, bool symbol)
    {
        var luds = Check(password, minComplexity: 4).Feedback.LudsRequirements!;

        Assert.Equal((lower, upper, digit, symbol), (luds.HasLowerCase, luds.HasUpperCase, luds.HasDigit, luds.HasSymbol));
        Assert.Equal(4 - new[] { lower, upper, digit, symbol }.Count(has => has), luds.MissingComplexity);
    }

    [Theory]
    [InlineData("gqzvkwpx", 2)]
    [InlineData("gqzvKWPX", 1)]
    [InlineData("gqzvKW7X", 0)]
    [InlineData("gq.vKW7X", 0)]
    public void Missing_complexity_counts_the_classes_short_of_the_minimum(string password, int missing)
    {
        var strength = Check(password);

        Assert.Equal(missing, strength.Feedback.LudsRequirements!.MissingComplexity);
        Assert.Equal(missing == 0, strength.Valid);
    }

    [Theory]
    [InlineData("Gq7", 5)]
    [InlineData("Gq7vKwP", 1)]
    [InlineData("Gq7vKwPx", 0)]
    [InlineData("Gq7vKwPxYz", 0)]
    public void A_password_short_by_n_characters_misses_n_characters(string password, int missing)
    {
        var strength = Check(password);

        Assert.Equal(missing, strength.Feedback.LudsRequirements!.MissingCharacters);
        Assert.Equal(missing == 0, strength.Valid);
    }

    [Fact]
    public void Minimum_length_and_complexity_are_configurable()
    {
        var luds = Check("gqzvkwpxmrtl", minLength: 16, minComplexity: 1).Feedback.LudsRequirements!;

        Assert.Equal(4, luds.MissingCharacters);
        Assert.Equal(0, luds.MissingComplexity);
    }

    [Theory]
    [InlineData("gqzv kwpx")]
    [InlineData("gqzvkwpxé")]
    [InlineData("gqzvkwpx🔑")]
    [InlineData("gqzvkwpxЖ")]
    public void Any_character_outside_ascii_letters_and_digits_is_a_symbol(string password)
    {
        var luds = Check(password).Feedback.LudsRequirements!;

        Assert.True(luds.HasSymbol);
        Assert.False(luds.HasUpperCase);
    }

    [Fact]
    public void An_emoji_is_one_character()
    {
        Assert.Equal(4, Check("🔑🔑🔑🔑").Feedback.LudsRequirements!.MissingCharacters);
    }

    [Fact]
    public void An_empty_password_misses_every_class_and_the_whole_length()
    {
        var strength = Check("");
        var luds = strength.Feedback.LudsRequirements!;

        Assert.False(strength.Valid);
        Assert.Equal(0, strength.Score);
        Assert.Equal(new LudsRequirements(false, false, false, false, MissingComplexity: 3, MissingCharacters: 8), luds);
    }

    [Fact]
    public void A_breached_password_that_meets_the_requirements_is_invalid()
    {
        var strength = Check("Password1");

        Assert.True(strength.Feedback.LudsRequirements!.Met);
        Assert.True(strength.Breached);
        Assert.False(strength.Valid);
    }

    [Fact]
    public void The_zxcvbn_score_is_still_reported()
    {
        Assert.Equal(4, Check("quietly-orbiting-marmalade-7-tundra").Score);
    }
}
