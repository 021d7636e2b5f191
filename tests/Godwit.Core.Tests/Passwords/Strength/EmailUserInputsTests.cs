using Godwit.Core.Passwords.Strength;

namespace Godwit.Core.Tests.Passwords.Strength;

public sealed class EmailUserInputsTests
{
    [Fact]
    public void The_local_part_comes_first_then_its_joined_form_the_address_and_its_words()
    {
        Assert.Equal(
            ["ann.lee+work", "annleework", "ann.lee+work@example.com", "ann", "lee", "work"],
            EmailUserInputs.From("  Ann.Lee+Work@Example.com "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_email_gives_no_inputs(string? email)
    {
        Assert.Empty(EmailUserInputs.From(email));
    }

    [Fact]
    public void Words_shorter_than_three_letters_are_left_out_and_duplicates_dropped()
    {
        Assert.Equal(["jo", "jo@example.com"], EmailUserInputs.From("jo@example.com"));
    }
}
