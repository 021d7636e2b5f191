using System.Globalization;

namespace Godwit.Core.Delivery.Templates;

/// <summary>
/// The words of the built-in templates in one language. Phrases are Liquid: they may use the
/// message's variables, and <see cref="Named"/> words a phrase for an application with or without
/// a configured name.
/// </summary>
internal sealed record LanguagePhrases(
    string Locale,
    LinkPhrases Login,
    LinkPhrases Signup,
    LinkPhrases Invite,
    LinkPhrases Reset,
    string LinkExpires,
    string PasteLink,
    string IgnoreEmail,
    string CodeSubject,
    string CodeLine,
    string IgnoreCode,
    DurationWords Duration);

/// <summary>A link email's subject, first line (ending in a colon before the link) and button text.</summary>
internal sealed record LinkPhrases(string Subject, string Lead, string Action);

/// <summary>How a language says "1 minute", "2 hours", "7 days": the <c>expiration</c> variable.</summary>
internal sealed record DurationWords(string Minute, string Minutes, string Hour, string Hours, string Day, string Days)
{
    public string Describe(int minutes) => minutes switch
    {
        _ when minutes % 1440 == 0 => Count(minutes / 1440, Day, Days),
        _ when minutes % 60 == 0 => Count(minutes / 60, Hour, Hours),
        _ => Count(minutes, Minute, Minutes),
    };

    private static string Count(int count, string one, string many) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
}

internal static class Phrase
{
    /// <summary>A phrase that names the application when one is configured, and reads whole without it.</summary>
    public static string Named(string withName, string withoutName) =>
        "{% if application_name %}" + withName + "{% else %}" + withoutName + "{% endif %}";
}
