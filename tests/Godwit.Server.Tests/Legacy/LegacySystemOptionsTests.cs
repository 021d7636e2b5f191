using Godwit.Core.Legacy;
using Godwit.Server.Legacy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Godwit.Server.Tests.Legacy;

/// <summary>Migration settings that cannot work are refused when the options are first read, at startup.</summary>
public sealed class LegacySystemOptionsTests
{
    public static TheoryData<string, string, string> Problems => new()
    {
        { "Godwit:Migration:LegacyPasswordHook", "https://legacy.example.test/hook", "LegacyPasswordHookSecret" },
        { "Godwit:Migration:LegacyPasswordHook", "ftp://legacy.example.test/hook", "LegacyPasswordHook must be an absolute https URL" },
        { "Godwit:Migration:LegacySessionHook", "https://legacy.example.test/session", "LegacySessionHookSecret" },
        { "Godwit:Migration:LegacyUserLookupHook", "https://legacy.example.test/lookup", "LegacyUserLookupHookSecret" },
        { "Godwit:Migration:LegacyJwksUrl", "https://legacy.example.test/jwks", "LegacyJwtIssuer and LegacyJwtAudience" },
        { "Godwit:Migration:Timeout", "00:05:00", "Timeout" },
        { "Godwit:Migration:DefaultSessionDurationMinutes", "1", "DefaultSessionDurationMinutes" },
        { "Godwit:Migration:CircuitBreaker:FailureRatio", "0", "FailureRatio" },
        { "Godwit:Migration:CircuitBreaker:MinimumThroughput", "1", "MinimumThroughput" },
        { "Godwit:Migration:LegacyAuthoritativeUntil", "2026-09-01T00:00:00Z", "LegacyAuthoritativeUntil needs LegacyPasswordHook" },
    };

    [Theory]
    [InlineData("2026-09-01")]
    [InlineData("2026-09-01T00:00:00")]
    [InlineData("2026-09-01T02:00:00+02:00")]
    [InlineData("next tuesday")]
    [InlineData("2026-13-01T00:00:00Z")]
    public void A_cut_over_that_is_not_a_UTC_date_time_is_refused(string until)
    {
        using var services = Build(WithPasswordHook(until));

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LegacySystemOptions>>().Value);

        Assert.Equal($"Godwit:Migration:LegacyAuthoritativeUntil must be a UTC date-time such as 2026-09-01T00:00:00Z, not '{until}'.", refused.Message);
    }

    [Theory]
    [InlineData("2026-09-01T00:00:00Z", "2026-09-01T00:00:00+00:00")]
    [InlineData("2026-09-01T12:30:15.5Z", "2026-09-01T12:30:15.5000000+00:00")]
    [InlineData("2001-01-01T00:00:00Z", "2001-01-01T00:00:00+00:00")]
    public void A_UTC_cut_over_is_read_exactly_even_when_it_has_passed(string until, string read)
    {
        using var services = Build(WithPasswordHook(until));

        Assert.Equal(DateTimeOffset.Parse(read, System.Globalization.CultureInfo.InvariantCulture), services.GetRequiredService<LegacySystemOptions>().AuthoritativeUntil);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void A_setting_that_cannot_work_is_refused_naming_the_setting(string key, string value, string named)
    {
        using var services = Build(new() { [key] = value });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LegacySystemOptions>>().Value);

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Godwit:Migration:LegacyPasswordHook", "http://legacy.example.test/hook")]
    [InlineData("Godwit:Migration:LegacySessionHook", "http://legacy.example.test/session")]
    [InlineData("Godwit:Migration:LegacyUserLookupHook", "http://legacy.example.test/lookup")]
    [InlineData("Godwit:Migration:UserInfoUrl", "http://legacy.example.test/userinfo")]
    [InlineData("Godwit:Migration:LegacyJwksUrl", "http://legacy.example.test/jwks")]
    [InlineData("Godwit:Migration:LegacyJwksUrl", "http://10.0.0.7/jwks")]
    [InlineData("Godwit:Migration:UserInfoUrl", "http://localhost.legacy.example.test/userinfo")]
    public void A_trust_anchor_over_http_to_a_host_that_is_not_loopback_is_refused(string key, string url)
    {
        using var services = Build(new() { [key] = url });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LegacySystemOptions>>().Value);

        Assert.StartsWith($"{key} must be an absolute https URL (http only for localhost, 127.0.0.0/8 or [::1])", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:8080/userinfo")]
    [InlineData("http://127.0.0.1:8080/userinfo")]
    [InlineData("http://127.10.0.1/userinfo")]
    [InlineData("http://[::1]:8080/userinfo")]
    [InlineData("https://legacy.example.test/userinfo")]
    public void A_trust_anchor_over_https_or_on_loopback_is_accepted(string url)
    {
        using var services = Build(new() { ["Godwit:Migration:UserInfoUrl"] = url });

        Assert.Equal(new Uri(url), services.GetRequiredService<LegacySystemOptions>().UserInfoUrl);
    }

    [Fact]
    public void A_userinfo_endpoint_and_a_session_hook_together_are_refused()
    {
        using var services = Build(new()
        {
            ["Godwit:Migration:UserInfoUrl"] = "https://legacy.example.test/userinfo",
            ["Godwit:Migration:LegacySessionHook"] = "https://legacy.example.test/session",
            ["Godwit:Migration:LegacySessionHookSecret"] = LegacySystem.SessionHookSecret,
        });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LegacySystemOptions>>().Value);

        Assert.Contains("not both", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_set_means_migration_off_with_the_documented_defaults()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<LegacySystemOptions>();

        Assert.False(options.PasswordHookEnabled);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
        Assert.Equal((0.5, 10, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(15)),
            (options.CircuitBreaker.FailureRatio, options.CircuitBreaker.MinimumThroughput, options.CircuitBreaker.SamplingDuration, options.CircuitBreaker.BreakDuration));
        Assert.Equal("email", options.LegacyJwtEmailClaim);
        Assert.Null(options.AuthoritativeUntil);
    }

    private static Dictionary<string, string?> WithPasswordHook(string until) => new()
    {
        ["Godwit:Migration:LegacyPasswordHook"] = "https://legacy.example.test/hook",
        ["Godwit:Migration:LegacyPasswordHookSecret"] = LegacySystem.PasswordHookSecret,
        ["Godwit:Migration:LegacyAuthoritativeUntil"] = until,
    };

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddGodwitLegacySystem(configuration).BuildServiceProvider();
    }
}
