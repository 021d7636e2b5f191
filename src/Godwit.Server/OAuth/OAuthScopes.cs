namespace Godwit.Server.OAuth;

/// <summary>Scope names and the app's <c>custom_scopes</c>.</summary>
internal static class OAuthScopes
{
    /// <summary>RFC 6749 §3.3 scope-token: %x21 / %x23-5B / %x5D-7E, at most 256 characters here.</summary>
    public static bool IsValid(string scope) =>
        scope.Length is > 0 and <= 256 && scope.All(c => c is '!' or (>= '#' and <= '[') or (>= ']' and <= '~'));

    /// <summary>The scopes of a <c>custom_scopes</c> value, separated by spaces or commas; null when one is no scope name.</summary>
    public static IReadOnlyList<string>? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        var scopes = value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        return scopes.Length <= 50 && scopes.All(IsValid) ? scopes : null;
    }
}
