using Fluid;

namespace Godwit.Core.Delivery.Templates;

/// <summary>
/// Every message's templates in every language, parsed once: the built-in ones, with the parts
/// <c>Godwit:Messages:Templates</c> sets in their place. A locale nobody wrote templates for is
/// written in English, as at Stytch.
/// </summary>
public sealed class MessageTemplates
{
    private static readonly FluidParser Parser = new();

    private readonly Dictionary<(MessageKind Kind, string Locale), CompiledTemplates> templates;

    private MessageTemplates(Dictionary<(MessageKind, string), CompiledTemplates> templates) => this.templates = templates;

    /// <summary>
    /// Parses the templates, reading template files relative to <paramref name="baseFolder"/>; a
    /// template that cannot be used gives a problem naming its setting instead.
    /// </summary>
    public static (MessageTemplates? Templates, string? Problem) Compile(MessageOptions options, string baseFolder)
    {
        var configured = new Dictionary<(MessageKind, string), (string Setting, MessageTemplateOptions Parts)>();
        foreach (var (kindName, locales) in options.Templates)
        {
            if (!Enum.TryParse<MessageKind>(kindName, ignoreCase: true, out var kind) || int.TryParse(kindName, out _))
            {
                return (null, $"{MessageOptions.SectionName}:Templates:{kindName} names no message; the messages are {string.Join(", ", Enum.GetNames<MessageKind>())}.");
            }

            foreach (var (locale, parts) in locales)
            {
                configured[(kind, Normalize(locale))] = ($"{MessageOptions.SectionName}:Templates:{kindName}:{locale}", parts);
            }
        }

        var compiled = new Dictionary<(MessageKind, string), CompiledTemplates>();
        var english = BuiltInLanguages.All.Single(l => l.Locale == BuiltInLanguages.English);
        foreach (var kind in Enum.GetValues<MessageKind>())
        {
            var locales = BuiltInLanguages.All.Select(l => l.Locale).Union(configured.Keys.Where(k => k.Item1 == kind).Select(k => k.Item2));
            foreach (var locale in locales)
            {
                var language = BuiltInLanguages.All.FirstOrDefault(l => l.Locale == locale);
                var builtIn = BuiltInLanguages.Templates(language ?? english, kind);
                configured.TryGetValue((kind, locale), out var custom);
                var result = CompileOne(kind, builtIn, custom.Setting, custom.Parts, baseFolder, (language ?? english).Duration);
                if (result.Problem is not null)
                {
                    return (null, result.Problem);
                }

                compiled[(kind, locale)] = result.Templates!;
            }
        }

        return (new MessageTemplates(compiled), null);
    }

    /// <summary>The templates for the request's locale: exact, then its language alone ("es-mx" to "es"), then English.</summary>
    internal CompiledTemplates For(MessageKind kind, string? locale)
    {
        if (!string.IsNullOrWhiteSpace(locale))
        {
            var normalized = Normalize(locale);
            if (templates.TryGetValue((kind, normalized), out var exact))
            {
                return exact;
            }

            var dash = normalized.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && templates.TryGetValue((kind, normalized[..dash]), out var language))
            {
                return language;
            }
        }

        return templates[(kind, BuiltInLanguages.English)];
    }

    private static string Normalize(string locale) => locale.Trim().Replace('_', '-').ToLowerInvariant();

    private static (CompiledTemplates? Templates, string? Problem) CompileOne(
        MessageKind kind, TemplateSource builtIn, string? setting, MessageTemplateOptions? custom, string baseFolder, DurationWords duration)
    {
        var text = OutgoingMessage.IsText(kind);
        if (custom is not null && text && (custom.Subject ?? custom.Html ?? custom.HtmlFile) is not null)
        {
            return (null, $"{setting} sets a subject or HTML, which a text message does not have; set Text or TextFile.");
        }

        var problems = new List<string>();
        var subject = text ? null : Parse(custom?.Subject ?? builtIn.Subject!, $"{setting}:Subject", problems);
        var textTemplate = Parse(Source(custom?.Text, custom?.TextFile, builtIn.Text!, $"{setting}:Text", baseFolder, problems), $"{setting}:Text", problems);
        var html = text ? null : Parse(Source(custom?.Html, custom?.HtmlFile, builtIn.Html!, $"{setting}:Html", baseFolder, problems), $"{setting}:Html", problems);
        return problems.Count > 0
            ? (null, problems[0])
            : (new CompiledTemplates(subject, textTemplate!, html, duration), null);
    }

    private static string? Source(string? inline, string? file, string builtIn, string setting, string baseFolder, List<string> problems)
    {
        if (inline is not null && file is not null)
        {
            problems.Add($"{setting} and {setting}File are both set; keep one.");
            return null;
        }

        if (file is null)
        {
            return inline ?? builtIn;
        }

        var path = Path.GetFullPath(file, baseFolder);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{setting}File: {path} cannot be read ({exception.Message}).");
            return null;
        }
    }

    private static IFluidTemplate? Parse(string? source, string setting, List<string> problems)
    {
        if (source is null)
        {
            return null;
        }

        if (Parser.TryParse(source, out var template, out var error))
        {
            return template;
        }

        // Fluid's message names the line and column; one line keeps the startup error readable.
        problems.Add($"{setting} is not a valid Liquid template: {error.ReplaceLineEndings(" ")}");
        return null;
    }
}

/// <summary>One message's parsed templates in one language; the first two are null for a text message.</summary>
internal sealed record CompiledTemplates(IFluidTemplate? Subject, IFluidTemplate Text, IFluidTemplate? Html, DurationWords Duration);
