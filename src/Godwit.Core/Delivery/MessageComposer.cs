using System.Text.Encodings.Web;
using Fluid;
using Godwit.Core.Delivery.Templates;

namespace Godwit.Core.Delivery;

/// <summary>Writes an <see cref="OutgoingMessage"/> as an email or a text in the request's language.</summary>
public sealed class MessageComposer(MessageTemplates templates, MessageOptions options)
{
    private readonly string? applicationName = options.Name;
    private readonly string? logoUrl = options.LogoUrl;

    public EmailMessage ComposeEmail(OutgoingMessage message)
    {
        var compiled = templates.For(message.Kind, message.Locale);
        var context = Context(message, compiled);
        // The subject is a header: one line, whatever the template's white space.
        var subject = string.Join(' ', Render(compiled.Subject!, context, NullEncoder.Default).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var text = Render(compiled.Text, context, NullEncoder.Default);
        // Every variable is HTML-encoded in the HTML part: the application's name, the address and
        // the link (whose query may hold '&' or quotes) can never become markup.
        var html = Render(compiled.Html!, context, HtmlEncoder.Default);
        return new EmailMessage(message.To, subject, text, html);
    }

    public SmsMessage ComposeText(OutgoingMessage message)
    {
        var compiled = templates.For(message.Kind, message.Locale);
        var body = Render(compiled.Text, Context(message, compiled), NullEncoder.Default).Trim();
        return new SmsMessage(message.To, body, message.Kind == MessageKind.WhatsAppOtp ? TextChannel.WhatsApp : TextChannel.Sms);
    }

    private TemplateContext Context(OutgoingMessage message, CompiledTemplates compiled)
    {
        var context = new TemplateContext();
        // Unset stays nil rather than "", so that `{% if application_name %}` is false.
        if (applicationName is not null)
        {
            context.SetValue("application_name", applicationName);
        }

        if (logoUrl is not null)
        {
            context.SetValue("logo_url", logoUrl);
        }

        context.SetValue("recipient", message.To);
        context.SetValue("expiration_minutes", message.ExpirationMinutes);
        context.SetValue("expiration", compiled.Duration.Describe(message.ExpirationMinutes));
        if (message.Link is not null)
        {
            context.SetValue("link", message.Link);
        }

        if (message.Code is not null)
        {
            context.SetValue("code", message.Code);
        }

        return context;
    }

    private static string Render(IFluidTemplate template, TemplateContext context, TextEncoder encoder) =>
        template.Render(context, encoder);
}
