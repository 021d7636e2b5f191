using Godwit.Core.Security;

namespace Godwit.Server.OAuth.Providers;

/// <summary>The checks every provider's settings share, each answering one line that names the setting.</summary>
internal static class ProviderSettings
{
    public const string SectionPrefix = "Godwit:OAuth:Providers";

    public static string Name(string segment, string setting) => $"{SectionPrefix}:{segment}:{setting}";

    public static string? Required(string segment, string setting, string? value, string why) =>
        string.IsNullOrWhiteSpace(value) ? $"{Name(segment, setting)} must be set: {why}" : null;

    /// <summary>
    /// An endpoint override. Its answers decide who logs in, so it is https; plain http is only for a
    /// stand-in on this machine (tests, local development).
    /// </summary>
    public static string? Url(string segment, string setting, string? value) =>
        value is null || (Uri.TryCreate(value, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && LoopbackHost.Is(url)))
            && string.IsNullOrEmpty(url.Fragment))
            ? null
            : $"{Name(segment, setting)} must be an absolute https URL (http only for localhost, 127.0.0.0/8 or [::1]), not '{value}'.";

    public static string? Scopes(string segment, IEnumerable<string> scopes) =>
        scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Any(char.IsWhiteSpace))
            ? $"{Name(segment, "Scopes")} must list scope names, one per entry, without spaces."
            : null;

    /// <summary><paramref name="baseUrl"/> joined with a path, whether or not the base ends with a slash.</summary>
    public static Uri Join(string baseUrl, string path) => new($"{baseUrl.TrimEnd('/')}/{path.TrimStart('/')}");
}
