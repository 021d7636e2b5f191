using static Godwit.Core.Delivery.Templates.Phrase;

namespace Godwit.Core.Delivery.Templates;

/// <summary>
/// The languages Stytch writes its messages in (its <c>locale</c> values), and so Godwit's
/// built-in templates: English, Spanish, Brazilian Portuguese and French.
/// </summary>
internal static class BuiltInLanguages
{
    public const string English = "en";

    public static readonly LanguagePhrases[] All =
    [
        new(
            English,
            new(Named("Log in to {{ application_name }}", "Your login link"), Named("Log in to {{ application_name }} by opening this link:", "Log in by opening this link:"), "Log in"),
            new(Named("Finish signing up for {{ application_name }}", "Finish signing up"), Named("Finish signing up for {{ application_name }} by opening this link:", "Finish signing up by opening this link:"), "Finish signing up"),
            new(Named("You have been invited to {{ application_name }}", "You have been invited"), Named("You have been invited to {{ application_name }}. Accept the invitation by opening this link:", "Accept the invitation by opening this link:"), "Accept the invitation"),
            new(Named("Reset your {{ application_name }} password", "Reset your password"), "Choose a new password by opening this link:", "Choose a new password"),
            "The link expires in {{ expiration }} and works once.",
            "Or paste this link into your browser:",
            "If you did not ask for this email, you can ignore it.",
            Named("Your {{ application_name }} code", "Your login code"),
            Named("Your {{ application_name }} code is {{ code }}.", "Your code is {{ code }}.") + " It expires in {{ expiration }}.",
            "If you did not ask for this code, you can ignore this email.",
            new("minute", "minutes", "hour", "hours", "day", "days")),
        new(
            "es",
            new(Named("Inicia sesión en {{ application_name }}", "Tu enlace de inicio de sesión"), Named("Inicia sesión en {{ application_name }} abriendo este enlace:", "Inicia sesión abriendo este enlace:"), "Iniciar sesión"),
            new(Named("Termina de registrarte en {{ application_name }}", "Termina de registrarte"), Named("Termina de registrarte en {{ application_name }} abriendo este enlace:", "Termina de registrarte abriendo este enlace:"), "Terminar el registro"),
            new(Named("Te han invitado a {{ application_name }}", "Te han invitado"), Named("Te han invitado a {{ application_name }}. Acepta la invitación abriendo este enlace:", "Acepta la invitación abriendo este enlace:"), "Aceptar la invitación"),
            new(Named("Restablece tu contraseña de {{ application_name }}", "Restablece tu contraseña"), "Elige una contraseña nueva abriendo este enlace:", "Elegir una contraseña nueva"),
            "El enlace caduca en {{ expiration }} y funciona una sola vez.",
            "O pega este enlace en tu navegador:",
            "Si no pediste este correo, puedes ignorarlo.",
            Named("Tu código de {{ application_name }}", "Tu código de acceso"),
            Named("Tu código de {{ application_name }} es {{ code }}.", "Tu código es {{ code }}.") + " Caduca en {{ expiration }}.",
            "Si no pediste este código, puedes ignorar este correo.",
            new("minuto", "minutos", "hora", "horas", "día", "días")),
        new(
            "pt-br",
            new(Named("{{ application_name }}: seu link de acesso", "Seu link de acesso"), Named("Entre em {{ application_name }} abrindo este link:", "Entre abrindo este link:"), "Entrar"),
            new(Named("Conclua seu cadastro em {{ application_name }}", "Conclua seu cadastro"), Named("Conclua seu cadastro em {{ application_name }} abrindo este link:", "Conclua seu cadastro abrindo este link:"), "Concluir o cadastro"),
            new(Named("Você recebeu um convite para {{ application_name }}", "Você recebeu um convite"), Named("Você recebeu um convite para {{ application_name }}. Aceite o convite abrindo este link:", "Aceite o convite abrindo este link:"), "Aceitar o convite"),
            new(Named("Redefina sua senha de {{ application_name }}", "Redefina sua senha"), "Escolha uma nova senha abrindo este link:", "Escolher uma nova senha"),
            "O link expira em {{ expiration }} e funciona uma única vez.",
            "Ou cole este link no seu navegador:",
            "Se você não pediu este e-mail, pode ignorá-lo.",
            Named("Seu código de {{ application_name }}", "Seu código de acesso"),
            Named("Seu código de {{ application_name }} é {{ code }}.", "Seu código é {{ code }}.") + " Ele expira em {{ expiration }}.",
            "Se você não pediu este código, pode ignorar este e-mail.",
            new("minuto", "minutos", "hora", "horas", "dia", "dias")),
        new(
            "fr",
            new(Named("Connexion à {{ application_name }}", "Votre lien de connexion"), Named("Connectez-vous à {{ application_name }} en ouvrant ce lien :", "Connectez-vous en ouvrant ce lien :"), "Se connecter"),
            new(Named("Terminez votre inscription à {{ application_name }}", "Terminez votre inscription"), Named("Terminez votre inscription à {{ application_name }} en ouvrant ce lien :", "Terminez votre inscription en ouvrant ce lien :"), "Terminer l'inscription"),
            new(Named("Vous avez reçu une invitation pour {{ application_name }}", "Vous avez reçu une invitation"), Named("Vous avez reçu une invitation pour {{ application_name }}. Acceptez-la en ouvrant ce lien :", "Acceptez l'invitation en ouvrant ce lien :"), "Accepter l'invitation"),
            new(Named("Réinitialisez votre mot de passe {{ application_name }}", "Réinitialisez votre mot de passe"), "Choisissez un nouveau mot de passe en ouvrant ce lien :", "Choisir un nouveau mot de passe"),
            "Le lien expire dans {{ expiration }} et ne fonctionne qu'une fois.",
            "Ou collez ce lien dans votre navigateur :",
            "Si vous n'avez pas demandé cet e-mail, vous pouvez l'ignorer.",
            Named("Votre code {{ application_name }}", "Votre code de connexion"),
            Named("Votre code {{ application_name }} est {{ code }}.", "Votre code est {{ code }}.") + " Il expire dans {{ expiration }}.",
            "Si vous n'avez pas demandé ce code, vous pouvez ignorer cet e-mail.",
            new("minute", "minutes", "heure", "heures", "jour", "jours")),
    ];

    /// <summary>The built-in templates of one message in one language.</summary>
    public static TemplateSource Templates(LanguagePhrases language, MessageKind kind) => kind switch
    {
        MessageKind.MagicLinkLogin => LinkEmail(language, language.Login),
        MessageKind.MagicLinkSignup => LinkEmail(language, language.Signup),
        MessageKind.MagicLinkInvite => LinkEmail(language, language.Invite),
        MessageKind.PasswordReset => LinkEmail(language, language.Reset),
        MessageKind.EmailOtp => new(
            language.CodeSubject,
            $"{language.CodeLine}\n\n{language.IgnoreCode}\n",
            Html(language, $"<p>{language.CodeLine}</p>\n<p>{language.IgnoreCode}</p>")),
        _ => new(null, language.CodeLine, null),
    };

    private static TemplateSource LinkEmail(LanguagePhrases language, LinkPhrases phrases) => new(
        phrases.Subject,
        $"{phrases.Lead}\n\n{{{{ link }}}}\n\n{language.LinkExpires}\n{language.IgnoreEmail}\n",
        Html(language, $$$"""
            <p>{{{phrases.Lead}}}</p>
            <p><a href="{{ link }}">{{{phrases.Action}}}</a></p>
            <p>{{{language.PasteLink}}}<br>{{ link }}</p>
            <p>{{{language.LinkExpires}}}<br>{{{language.IgnoreEmail}}}</p>
            """));

    private static string Html(LanguagePhrases language, string body) => $$$"""
        <!DOCTYPE html>
        <html lang="{{{language.Locale}}}">
        <body style="font-family: sans-serif; line-height: 1.5;">
        {% if logo_url %}<p><img src="{{ logo_url }}" alt="{{ application_name }}" height="48"></p>
        {% endif %}{{{body}}}
        </body>
        </html>

        """;
}

/// <summary>The Liquid source of one message's templates in one language; a null part is not set.</summary>
internal sealed record TemplateSource(string? Subject, string? Text, string? Html);
