using Godwit.Core.Passwords.Strength;

namespace Godwit.Core.Tests.Passwords.Strength;

public sealed class ZxcvbnFeedbackTests
{
    private const string AddWords = "Add another word or two. Uncommon words are better.";

    private static PasswordFeedback FeedbackFor(string password)
    {
        Assert.True(new PasswordStrengthChecker(new PasswordStrengthOptions()).TryCheck(password, null, out var strength));
        Assert.False(strength.Valid);
        Assert.Null(strength.Feedback.LudsRequirements);
        return strength.Feedback;
    }

    [Theory]
    [InlineData("password", "This is a top-10 common password.")]
    [InlineData("baseball", "This is a top-100 common password.")]
    [InlineData("rasdzv3", "This is a very common password.")]
    [InlineData("zxcvbnm,./", "Straight rows of keys are easy to guess.")]
    [InlineData("aaaaaaaaaa", "Repeats like \"aaa\" are easy to guess.")]
    [InlineData("abcdefgh", "Sequences like abc or 6543 are easy to guess.")]
    [InlineData("1985", "Recent years are easy to guess.")]
    [InlineData("18/11/1985", "Dates are often easy to guess.")]
    [InlineData("paris", "A word by itself is easy to guess.")]
    [InlineData("ann", "Names and surnames by themselves are easy to guess.")]
    [InlineData("p@ssw0rd", "This is similar to a commonly used password.")]
    public void The_longest_weak_part_of_the_password_picks_the_warning(string password, string warning)
    {
        var feedback = FeedbackFor(password);

        Assert.Equal(warning, feedback.Warning);
        Assert.Equal(AddWords, feedback.Suggestions[0]);
    }

    [Fact]
    public void Substitutions_and_capitals_get_their_own_suggestions()
    {
        Assert.Equal(
            [AddWords, "Capitalization doesn't help very much.", "Predictable substitutions like '@' instead of 'a' don't help very much."],
            FeedbackFor("P@ssw0rd").Suggestions);
        Assert.Equal([AddWords, "All-uppercase is almost as easy to guess as all-lowercase."], FeedbackFor("PASSWORD").Suggestions);
    }
}
