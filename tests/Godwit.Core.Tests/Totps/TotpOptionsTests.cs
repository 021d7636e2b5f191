using Godwit.Core.Totps;

namespace Godwit.Core.Tests.Totps;

public sealed class TotpOptionsTests
{
    [Fact]
    public void The_defaults_are_usable() => Assert.Null(new TotpOptions().Problem());

    [Theory]
    [InlineData("", 5, 15)]
    [InlineData("Acme:Corp", 5, 15)]
    [InlineData("Acme", 0, 15)]
    [InlineData("Acme", 101, 15)]
    [InlineData("Acme", 5, 0)]
    [InlineData("Acme", 5, 1441)]
    public void An_unusable_setting_is_named(string issuer, int maxAttempts, int windowMinutes)
    {
        var options = new TotpOptions { Issuer = issuer, MaxAttempts = maxAttempts, AttemptWindow = TimeSpan.FromMinutes(windowMinutes) };

        Assert.StartsWith("Godwit:Totps:", options.Problem(), StringComparison.Ordinal);
    }
}
