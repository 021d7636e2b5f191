namespace Godwit.Core.Delivery;

/// <summary>
/// How Godwit's emails and text messages read. Bound from <c>Godwit:Messages</c>; the templates
/// are compiled, and so checked, at startup by <see cref="Templates.MessageTemplates"/>.
/// </summary>
public sealed class MessageOptions
{
    public const string SectionName = "Godwit:Messages";

    /// <summary>The name messages call the application by; unset, they name none.</summary>
    public string? ApplicationName { get; set; }

    /// <summary>An absolute http(s) URL of an image the default HTML emails show above the text.</summary>
    public string? LogoUrl { get; set; }

    /// <summary>Templates by <see cref="MessageKind"/> name, then by locale (<c>en</c>, <c>es</c>, <c>pt-br</c>, <c>fr</c> or any other).</summary>
    public Dictionary<string, Dictionary<string, MessageTemplateOptions>> Templates { get; set; } = [];

    /// <summary>The application's name, or null when it is unset or blank (templates test it with <c>if</c>).</summary>
    public string? Name => string.IsNullOrWhiteSpace(ApplicationName) ? null : ApplicationName.Trim();

    public string? Problem() =>
        LogoUrl is not null
        && !(Uri.TryCreate(LogoUrl, UriKind.Absolute, out var logo) && (logo.Scheme == Uri.UriSchemeHttps || logo.Scheme == Uri.UriSchemeHttp))
            ? $"{SectionName}:LogoUrl must be an absolute http or https URL, such as https://app.example.com/logo.png."
            : null;
}

/// <summary>
/// One message's templates in one language, in Liquid. Each part left unset keeps the built-in
/// one; <see cref="TextFile"/> and <see cref="HtmlFile"/> read the template from a file instead.
/// </summary>
public sealed class MessageTemplateOptions
{
    public string? Subject { get; set; }

    public string? Text { get; set; }

    public string? Html { get; set; }

    public string? TextFile { get; set; }

    public string? HtmlFile { get; set; }
}
