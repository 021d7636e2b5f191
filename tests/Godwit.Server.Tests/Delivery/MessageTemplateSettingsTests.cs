using System.Net;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.Extensions.Options;

namespace Godwit.Server.Tests.Delivery;

/// <summary>Godwit:Messages: the application's name and logo, templates from settings and files, and templates that stop startup.</summary>
public sealed class MessageTemplateSettingsTests
{
    private const string Templates = "Godwit:Messages:Templates";

    [Fact]
    public async Task The_default_templates_name_the_application_and_show_its_logo()
    {
        await using var host = await GodwitHost.StartAsync(new()
        {
            Settings = new Dictionary<string, string?>
            {
                ["Godwit:Messages:ApplicationName"] = "Acme Notes",
                ["Godwit:Messages:LogoUrl"] = "https://cdn.acme.example/logo.png?v=2&size=96",
            },
        });
        var email = ApiCalls.UniqueEmail("named");

        await host.Client.PostAsync("/v1/magic_links/email/invite", new { email, locale = "fr" });

        var message = await host.EmailAsync(email);
        Assert.Equal("Vous avez reçu une invitation pour Acme Notes", message.Subject);
        Assert.StartsWith("Vous avez reçu une invitation pour Acme Notes. Acceptez-la en ouvrant ce lien :", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<img src=\"https://cdn.acme.example/logo.png?v=2&amp;size=96\" alt=\"Acme Notes\"", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Variables_are_html_encoded_in_the_html_part_only()
    {
        const string Name = "Acme <script>alert(1)</script>";
        await using var host = await GodwitHost.StartAsync(new()
        {
            Settings = new Dictionary<string, string?> { ["Godwit:Messages:ApplicationName"] = Name },
        });
        var email = ApiCalls.UniqueEmail("encoded");

        await host.Client.PostAsync("/v1/otps/email/login_or_create", new { email, locale = "es" });

        var message = await host.EmailAsync(email);
        Assert.Equal($"Tu código de {Name}", message.Subject);
        Assert.StartsWith($"Tu código de {Name} es ", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Tu código de Acme &lt;script&gt;alert(1)&lt;/script&gt; es ", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Templates_from_settings_and_files_replace_the_built_in_parts_they_set()
    {
        var htmlFile = Path.Combine(Directory.CreateTempSubdirectory("godwit-templates-").FullName, "otp.html");
        await File.WriteAllTextAsync(htmlFile, "<p>Code <b>{{ code }}</b> for {{ recipient }}, valid {{ expiration_minutes }} min.</p>", TestContext.Current.CancellationToken);
        await using var host = await GodwitHost.StartAsync(new()
        {
            Settings = new Dictionary<string, string?>
            {
                ["Godwit:Messages:ApplicationName"] = "Acme",
                [$"{Templates}:EmailOtp:en:Subject"] = "{{ code }} is your {{ application_name }} code",
                [$"{Templates}:EmailOtp:en:HtmlFile"] = htmlFile,
                [$"{Templates}:SmsOtp:de:Text"] = "Dein {{ application_name }}-Code: {{ code }} ({{ expiration_minutes }} Minuten)",
            },
        });
        var email = ApiCalls.UniqueEmail("custom");
        var phone = ApiCalls.UniquePhone();

        await host.Client.PostAsync("/v1/otps/email/login_or_create", new { email, expiration_minutes = 5 });
        var sms = await host.Client.PostAsync("/v1/otps/sms/login_or_create", new { phone_number = phone, locale = "de-AT" });

        var message = await host.EmailAsync(email);
        var code = message.Subject[..6];
        Assert.Equal($"{code} is your Acme code", message.Subject);
        Assert.Equal($"<p>Code <b>{code}</b> for {email}, valid 5 min.</p>", message.HtmlBody);
        Assert.StartsWith($"Your Acme code is {code}. It expires in 5 minutes.", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sms.Status);
        Assert.Matches(@"^Dein Acme-Code: \d{6} \(2 Minuten\)$", Assert.Single(host.SmsBodies(phone)));
    }

    [Theory]
    [InlineData($"{Templates}:EmailOtp:fr:Html", "<p>{% if code %}</p>", $"{Templates}:EmailOtp:fr:Html is not a valid Liquid template: ")]
    [InlineData($"{Templates}:MagicLinkLogin:en:Subject", "Log in {{ link ", $"{Templates}:MagicLinkLogin:en:Subject is not a valid Liquid template: ")]
    [InlineData($"{Templates}:LoginEmail:en:Text", "hello", $"{Templates}:LoginEmail names no message; the messages are MagicLinkLogin, ")]
    [InlineData($"{Templates}:SmsOtp:en:Subject", "hello", $"{Templates}:SmsOtp:en sets a subject or HTML, which a text message does not have")]
    [InlineData($"{Templates}:PasswordReset:es:TextFile", "/no/such/template.txt", $"{Templates}:PasswordReset:es:TextFile: /no/such/template.txt cannot be read")]
    [InlineData("Godwit:Messages:LogoUrl", "logo.png", "Godwit:Messages:LogoUrl must be an absolute http or https URL")]
    public async Task A_template_that_cannot_be_used_stops_startup_with_one_line_naming_its_setting(string setting, string value, string problem)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => GodwitHost.StartAsync(new()
        {
            Settings = new Dictionary<string, string?> { [setting] = value },
        }));

        Assert.StartsWith(problem, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }
}
