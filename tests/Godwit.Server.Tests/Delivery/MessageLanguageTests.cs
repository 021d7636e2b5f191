using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Testing;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Delivery;

/// <summary>
/// Every message in each of Stytch's four languages, as it reaches the SMTP server and the SMS
/// webhook, with the default templates (no application name configured).
/// </summary>
public sealed partial class MessageLanguageTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    private const string ResetUrl = "https://app.example/reset";

    public static TheoryData<string, string, string> EmailSubjects => new()
    {
        { "MagicLinkLogin", "en", "Your login link" },
        { "MagicLinkLogin", "es", "Tu enlace de inicio de sesión" },
        { "MagicLinkLogin", "pt-br", "Seu link de acesso" },
        { "MagicLinkLogin", "fr", "Votre lien de connexion" },
        { "MagicLinkSignup", "en", "Finish signing up" },
        { "MagicLinkSignup", "es", "Termina de registrarte" },
        { "MagicLinkSignup", "pt-br", "Conclua seu cadastro" },
        { "MagicLinkSignup", "fr", "Terminez votre inscription" },
        { "MagicLinkInvite", "en", "You have been invited" },
        { "MagicLinkInvite", "es", "Te han invitado" },
        { "MagicLinkInvite", "pt-br", "Você recebeu um convite" },
        { "MagicLinkInvite", "fr", "Vous avez reçu une invitation" },
        { "PasswordReset", "en", "Reset your password" },
        { "PasswordReset", "es", "Restablece tu contraseña" },
        { "PasswordReset", "pt-br", "Redefina sua senha" },
        { "PasswordReset", "fr", "Réinitialisez votre mot de passe" },
        { "EmailOtp", "en", "Your login code" },
        { "EmailOtp", "es", "Tu código de acceso" },
        { "EmailOtp", "pt-br", "Seu código de acesso" },
        { "EmailOtp", "fr", "Votre code de connexion" },
    };

    private HttpClient Client => godwit.Host.Client;

    [Theory]
    [MemberData(nameof(EmailSubjects))]
    public async Task Each_email_arrives_as_text_and_html_in_the_requested_language_with_its_link_or_code_in_both(string kind, string locale, string subject)
    {
        var email = ApiCalls.UniqueEmail(kind.ToLowerInvariant());

        await SendAsync(kind, email, locale);

        var message = await godwit.Host.EmailAsync(email);
        Assert.Equal(subject, message.Subject);
        Assert.NotNull(message.TextBody);
        Assert.NotNull(message.HtmlBody);
        Assert.Contains($"<html lang=\"{locale}\">", message.HtmlBody, StringComparison.Ordinal);
        var secret = kind == "EmailOtp" ? CodePattern().Match(message.TextBody).Value : TokenPattern().Match(message.TextBody).Groups[1].Value;
        Assert.NotEmpty(secret);
        Assert.Contains(secret, message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Godwit", message.TextBody + message.HtmlBody + message.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sms", "en", "Your code is ")]
    [InlineData("sms", "es", "Tu código es ")]
    [InlineData("sms", "pt-br", "Seu código é ")]
    [InlineData("sms", "fr", "Votre code est ")]
    [InlineData("whatsapp", "es", "Tu código es ")]
    [InlineData("whatsapp", "fr", "Votre code est ")]
    public async Task A_text_message_is_written_in_the_requested_language(string channel, string locale, string opening)
    {
        var phone = ApiCalls.UniquePhone();

        var sent = await Client.PostAsync($"/v1/otps/{channel}/login_or_create", new { phone_number = phone, locale });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var body = Assert.Single(godwit.Host.SmsBodies(phone));
        Assert.StartsWith(opening, body, StringComparison.Ordinal);
        Assert.Matches(@"\b\d{6}\.", body);
    }

    [Theory]
    [InlineData("es-MX", "Tu código de acceso")]
    [InlineData("PT-BR", "Seu código de acesso")]
    [InlineData("fr_CA", "Votre code de connexion")]
    [InlineData("de", "Your login code")]
    [InlineData("", "Your login code")]
    [InlineData("not a locale at all", "Your login code")]
    public async Task A_regional_locale_uses_its_language_and_any_other_falls_back_to_english_without_an_error(string locale, string subject)
    {
        var email = ApiCalls.UniqueEmail("locale");

        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email, locale });

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Equal(subject, (await godwit.Host.EmailAsync(email)).Subject);
    }

    [Fact]
    public async Task A_magic_link_that_lasts_days_says_so_in_the_language_of_the_email()
    {
        var email = ApiCalls.UniqueEmail("days");

        await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email, locale = "es", signup_expiration_minutes = 10_080 });

        Assert.Contains("El enlace caduca en 7 días", (await godwit.Host.EmailAsync(email)).TextBody, StringComparison.Ordinal);
    }

    private async Task SendAsync(string kind, string email, string locale)
    {
        var answer = kind switch
        {
            "MagicLinkSignup" => await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email, locale }),
            "MagicLinkInvite" => await Client.PostAsync("/v1/magic_links/email/invite", new { email, locale }),
            "EmailOtp" => await Client.PostAsync("/v1/otps/email/login_or_create", new { email, locale }),
            _ => await SendToActiveUserAsync(kind, email, locale),
        };
        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    private async Task<ApiAnswer> SendToActiveUserAsync(string kind, string email, string locale)
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/v1/users", new { email })).Status);
        return kind == "PasswordReset"
            ? await Client.PostAsync("/v1/passwords/email/reset/start", new { email, reset_password_redirect_url = ResetUrl, locale })
            : await Client.PostAsync("/v1/magic_links/email/send", new { email, locale });
    }

    [GeneratedRegex("[?&]token=([A-Za-z0-9_-]{43})")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex CodePattern();
}
