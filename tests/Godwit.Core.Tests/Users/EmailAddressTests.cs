using System.Net.Mail;
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

    [Fact]
    public void Every_plain_address_accepted_without_the_full_parser_is_one_the_full_parser_accepts_unchanged()
    {
        // Plain addresses skip MailAddress; this keeps that shortcut a pure speed-up. Random
        // addresses over the shortcut's alphabet, edge characters included, must get the same answer
        // from MailAddress.
        const string local = "aZ09._%+-";
        const string domain = "aZ09.-";
        var random = new Random(20261126);
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var address = Pick(random, local, random.Next(1, 8)) + "@" + Pick(random, domain, random.Next(1, 6)) + "." + Pick(random, "az", random.Next(2, 4));
            if (EmailAddress.TryNormalize(address, out _))
            {
                accepted++;
                Assert.True(
                    MailAddress.TryCreate(address, out var parsed) && parsed.Address == address && parsed.DisplayName.Length == 0,
                    $"{address} was accepted but MailAddress refuses or rewrites it");
            }
        }

        Assert.InRange(accepted, 5_000, 20_000);
    }

    private static string Pick(Random random, string alphabet, int length) =>
        string.Create(length, (random, alphabet), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });
}
