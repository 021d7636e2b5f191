using Godwit.Core.Errors;
using Godwit.Server.Hosting;

namespace Godwit.Server.Http;

/// <summary>
/// Where an error answer's <c>error_url</c> points: by default the error reference Godwit serves
/// itself at <see cref="PagePath"/> under <c>Godwit:PublicUrl</c>, so the link works wherever Godwit
/// runs, offline too. Stytch's pages would describe Stytch's behaviour, and miss Godwit's own types.
/// </summary>
internal sealed class ErrorReference
{
    public const string Setting = "Godwit:ErrorReferenceUrl";

    /// <summary>The path of the reference page Godwit serves (<see cref="ErrorReferencePage"/>).</summary>
    public const string PagePath = "/errors";

    private readonly string prefix;

    private ErrorReference(Uri page) => prefix = page.GetLeftPart(UriPartial.Query) + "#";

    public string UrlOf(ApiError error) => prefix + error.ErrorType;

    /// <summary>
    /// The page from <see cref="Setting"/>, else <c>{publicUrl}/errors</c>. The base is the
    /// configured public URL, never the request's Host header: a forged Host must not put another
    /// site's address into answers that clients, caches and logs keep. Anything but an absolute
    /// http(s) URL refuses to start.
    /// </summary>
    public static ErrorReference From(IConfiguration configuration, string publicUrl)
    {
        var configured = configuration[Setting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return IsHttpUrl(publicUrl.TrimEnd('/') + PagePath, out var served)
                ? new ErrorReference(served)
                : throw new ConfigurationProblemException($"Godwit:PublicUrl must be an absolute http or https URL, such as https://id.example.com: error answers link to its {PagePath} page. It is '{publicUrl}'.");
        }

        return IsHttpUrl(configured, out var page)
            ? new ErrorReference(page)
            : throw new ConfigurationProblemException($"{Setting} must be an absolute http or https URL, such as https://docs.example.com/godwit/errors.html, not '{configured}'.");
    }

    private static bool IsHttpUrl(string text, out Uri url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url!) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}
