using Godwit.Core.Errors;
using Godwit.Server.Hosting;

namespace Godwit.Server.Http;

/// <summary>
/// Where an error answer's <c>error_url</c> points: Godwit's own error reference, the "Errors"
/// section of docs/api.md, which has one anchor per <c>error_type</c>. Stytch's pages would
/// describe Stytch's behaviour, and miss Godwit's own types.
/// </summary>
internal sealed class ErrorReference(Uri page)
{
    public const string Setting = "Godwit:ErrorReferenceUrl";

    /// <summary>docs/api.md as the project publishes it.</summary>
    public const string DefaultPage = "https://github.com/godwit/godwit/blob/main/docs/api.md";

    public string UrlOf(ApiError error) => $"{page.GetLeftPart(UriPartial.Query)}#{error.ErrorType}";

    /// <summary>The page from <see cref="Setting"/>, or the default; anything but an absolute http(s) URL refuses to start.</summary>
    public static ErrorReference From(IConfiguration configuration)
    {
        var configured = configuration[Setting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return new ErrorReference(new Uri(DefaultPage));
        }

        return Uri.TryCreate(configured, UriKind.Absolute, out var page) && (page.Scheme == Uri.UriSchemeHttps || page.Scheme == Uri.UriSchemeHttp)
            ? new ErrorReference(page)
            : throw new ConfigurationProblemException($"{Setting} must be an absolute http or https URL, such as https://docs.example.com/godwit/api.md, not '{configured}'.");
    }
}
