using Godwit.Core.Passwords.Strength;

namespace Godwit.Core.Tests.Passwords.Strength;

public sealed class PasswordStrengthOptionsTests
{
    [Fact]
    public void The_defaults_are_Stytchs_and_usable()
    {
        var options = new PasswordStrengthOptions();

        Assert.Null(options.Problem());
        Assert.Equal(PasswordStrengthPolicy.Zxcvbn, options.Policy);
        Assert.Equal((8, 3, 3, true), (options.LudsMinLength, options.LudsMinComplexity, options.MinZxcvbnScore, options.CheckBreached));
    }

    [Theory]
    [InlineData(0, 3, 3, "LudsMinLength")]
    [InlineData(257, 3, 3, "LudsMinLength")]
    [InlineData(8, 0, 3, "LudsMinComplexity")]
    [InlineData(8, 5, 3, "LudsMinComplexity")]
    [InlineData(8, 3, 0, "MinZxcvbnScore")]
    [InlineData(8, 3, 5, "MinZxcvbnScore")]
    public void Out_of_range_settings_are_named(int minLength, int minComplexity, int minScore, string setting)
    {
        var options = new PasswordStrengthOptions { LudsMinLength = minLength, LudsMinComplexity = minComplexity, MinZxcvbnScore = minScore };

        Assert.Contains($"Godwit:Passwords:Strength:{setting}", options.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_policy_is_named()
    {
        Assert.Contains("Policy", new PasswordStrengthOptions { Policy = (PasswordStrengthPolicy)7 }.Problem(), StringComparison.Ordinal);
    }
}
