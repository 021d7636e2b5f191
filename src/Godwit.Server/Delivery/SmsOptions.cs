namespace Godwit.Server.Delivery;

/// <summary>How text messages leave Godwit. Bound from <c>Godwit:Sms</c>.</summary>
internal sealed class SmsOptions
{
    public const string SectionName = "Godwit:Sms";

    /// <summary>Receives one JSON POST per message; unset means no SMS channel is configured.</summary>
    public Uri? WebhookUrl { get; set; }

    internal static bool IsValid(SmsOptions options) =>
        options.WebhookUrl is null
        || (options.WebhookUrl.IsAbsoluteUri && (options.WebhookUrl.Scheme == Uri.UriSchemeHttps || options.WebhookUrl.Scheme == Uri.UriSchemeHttp));
}
