using Godwit.Core.Passwords.Strength;

namespace Godwit.Core.Tests.Passwords.Strength;

public sealed class ZxcvbnPolicyTests
{
    private const string Email = "kestrel.moonbeam@example.com";

    private static PasswordStrength Check(string password, string? email = Email, PasswordStrengthOptions? options = null)
    {
        Assert.True(new PasswordStrengthChecker(options ?? new PasswordStrengthOptions()).TryCheck(password, email, out var strength));
        return strength;
    }

    [Theory]
    [InlineData("password")]
    [InlineData("123456")]
    [InlineData("qwerty123")]
    [InlineData("PassWord")]
    public void A_common_breached_password_is_breached_and_invalid(string password)
    {
        var strength = Check(password);

        Assert.True(strength.Breached);
        Assert.False(strength.Valid);
        Assert.InRange(strength.Score, 0, 2);
        Assert.Equal(PasswordStrengthPolicy.Zxcvbn, strength.Policy);
        Assert.Equal("zxcvbn", strength.PolicyName);
        Assert.True(strength.BreachDetectionOnCreate);
    }

    [Fact]
    public void A_long_random_passphrase_is_valid_with_score_4_and_no_feedback()
    {
        var strength = Check("quietly-orbiting-marmalade-7-tundra");

        Assert.True(strength.Valid);
        Assert.Equal(4, strength.Score);
        Assert.False(strength.Breached);
        Assert.Equal(PasswordFeedback.None, strength.Feedback);
        Assert.Null(strength.Feedback.LudsRequirements);
    }

    [Fact]
    public void A_breached_password_that_zxcvbn_rates_strong_is_invalid_when_an_email_is_given()
    {
        // In the bundled list, yet random enough for zxcvbn: only the breach check catches it.
        var strength = Check("k9vVos0a");

        Assert.True(strength.Score >= 3);
        Assert.True(strength.Breached);
        Assert.False(strength.Valid);
    }

    [Fact]
    public void Without_an_email_the_breach_check_does_not_apply_as_at_Stytch()
    {
        var strength = Check("k9vVos0a", email: null);

        Assert.False(strength.Breached);
        Assert.True(strength.Valid);
    }

    [Fact]
    public void With_breach_detection_off_nothing_is_breached()
    {
        var strength = Check("k9vVos0a", options: new PasswordStrengthOptions { CheckBreached = false });

        Assert.False(strength.Breached);
        Assert.False(strength.BreachDetectionOnCreate);
        Assert.True(strength.Valid);
    }

    [Fact]
    public void A_password_containing_the_email_local_part_scores_lower_than_with_another_email()
    {
        const string password = "kestrelmoonbeam!84Q";

        var own = Check(password, "Kestrel.Moonbeam@Example.com");
        var other = Check(password, "bob@example.org");

        Assert.True(own.Score < other.Score, $"{own.Score} should be below {other.Score}");
        Assert.False(own.Valid);
        Assert.True(other.Valid);
    }

    [Theory]
    [InlineData("kestrel.moonbeam")]
    [InlineData("kestrel.moonbeam@example.com")]
    public void A_password_equal_to_the_email_or_its_local_part_scores_0(string password)
    {
        Assert.Equal(0, Check(password).Score);
    }

    [Fact]
    public void The_required_score_is_configurable()
    {
        var strength = Check("cumulonimbus", options: new PasswordStrengthOptions { MinZxcvbnScore = 4 });

        Assert.Equal(3, strength.Score);
        Assert.False(strength.Valid);
        Assert.NotEmpty(strength.Feedback.Suggestions);
    }

    [Theory]
    [InlineData("Щука-Лебедь-Рак-озеро")]
    [InlineData("日本語のパスワードです")]
    [InlineData("🔒 mot de passe ünïcödé 🔑")]
    public void Non_ascii_passwords_are_scored(string password)
    {
        var strength = Check(password);

        Assert.InRange(strength.Score, 0, 4);
        Assert.False(strength.Breached);
    }

    [Fact]
    public void An_empty_password_scores_0_with_zxcvbns_default_advice()
    {
        var strength = Check("");

        Assert.False(strength.Valid);
        Assert.Equal(0, strength.Score);
        Assert.False(strength.Breached);
        Assert.Equal("", strength.Feedback.Warning);
        Assert.Equal(["Use a few words, avoid common phrases.", "No need for symbols, digits, or uppercase letters."], strength.Feedback.Suggestions);
    }

    [Fact]
    public void A_password_of_256_characters_is_checked_and_one_of_257_is_refused()
    {
        var checker = new PasswordStrengthChecker(new PasswordStrengthOptions());
        var longest = string.Concat(Enumerable.Repeat("Zq7!", 64));

        Assert.True(checker.TryCheck(longest, Email, out _));
        Assert.False(checker.TryCheck(longest + "x", Email, out var refused));
        Assert.Null(refused);
    }

    [Fact]
    public void The_length_limit_counts_characters_not_utf16_units()
    {
        var emoji = string.Concat(Enumerable.Repeat("🔑", PasswordStrengthChecker.MaxLength));

        Assert.Equal(2 * PasswordStrengthChecker.MaxLength, emoji.Length);
        Assert.True(new PasswordStrengthChecker(new PasswordStrengthOptions()).TryCheck(emoji, Email, out _));
    }

    [Fact]
    public void Checks_from_many_threads_agree_with_a_single_thread()
    {
        string[] passwords = ["password", "Tr0ub4dor&3", "kestrelmoonbeam!84Q", "correct horse battery staple", "p@ssw0rd", "zxcvbnm,./"];
        var expected = passwords.Select(password => Check(password)).ToArray();

        var results = new PasswordStrength[passwords.Length * 50];
        Parallel.For(0, results.Length, i => results[i] = Check(passwords[i % passwords.Length]));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % passwords.Length].Score, results[i].Score);
            Assert.Equal(expected[i % passwords.Length].Feedback.Warning, results[i].Feedback.Warning);
        }
    }
}
