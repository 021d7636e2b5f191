namespace Godwit.Core.OAuth;

/// <summary>
/// The providers Godwit speaks to, by the path segment Stytch's URLs use
/// (<c>/v1/public/oauth/google/start</c>) and the <c>provider_type</c> text its answers carry.
/// </summary>
public static class OAuthProviderTypes
{
    private static readonly Dictionary<string, string> ByPathSegment = new(StringComparer.Ordinal)
    {
        ["google"] = "Google",
        ["apple"] = "Apple",
        ["microsoft"] = "Microsoft",
        ["github"] = "Github",
        ["facebook"] = "Facebook",
        ["gitlab"] = "GitLab",
        ["discord"] = "Discord",
        ["oidc"] = "OIDC",
    };

    public static IReadOnlyCollection<string> PathSegments => ByPathSegment.Keys;

    /// <summary>The <c>provider_type</c> for a path segment, or null when Godwit knows no such provider.</summary>
    public static string? ForPathSegment(string segment) => ByPathSegment.GetValueOrDefault(segment);

    /// <summary>The path segment of a <c>provider_type</c>, ignoring case (imports spell them freely).</summary>
    public static string? PathSegmentOf(string providerType) =>
        ByPathSegment.FirstOrDefault(p => string.Equals(p.Value, providerType, StringComparison.OrdinalIgnoreCase)).Key;
}
