using Microsoft.AspNetCore.WebUtilities;

namespace Godwit.Server.OAuth.Providers;

/// <summary>The provider's authorization URL: Godwit's own parameters, then the app's <c>provider_*</c> extras.</summary>
internal static class AuthorizationUrl
{
    // The app's provider_* parameters come from the browser; none of them may replace a parameter
    // the flow's security rests on (where the code goes, which state and PKCE challenge it carries).
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "client_id", "redirect_uri", "response_type", "response_mode", "scope", "state", "nonce",
        "code_challenge", "code_challenge_method",
    };

    public static Uri Build(Uri endpoint, IEnumerable<KeyValuePair<string, string>> parameters, IReadOnlyDictionary<string, string> providerParameters)
    {
        var query = parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)).ToList();
        query.AddRange(providerParameters
            .Where(p => !Reserved.Contains(p.Key) && p.Key.Length > 0)
            .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        return new Uri(QueryHelpers.AddQueryString(endpoint.AbsoluteUri, query));
    }

    /// <summary>The provider's default scopes, then the configured and the app's custom ones, each once.</summary>
    public static IReadOnlyList<string> Scopes(IEnumerable<string> defaults, IEnumerable<string> configured, IEnumerable<string> custom) =>
        [.. defaults.Concat(configured).Concat(custom).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal)];

    /// <summary>Scopes a token answer names (GitHub separates them by commas, others by spaces), or the requested ones.</summary>
    public static IReadOnlyList<string> Granted(string? scope, IReadOnlyList<string> requested) =>
        scope is null ? requested : scope.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
