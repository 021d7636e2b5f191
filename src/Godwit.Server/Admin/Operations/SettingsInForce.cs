namespace Godwit.Server.Admin.Operations;

/// <summary>
/// The <c>Godwit:</c> settings as this process resolved them, with anything that could be a secret
/// masked by its name: the console shows that a secret is set, never what it is.
/// </summary>
internal static class SettingsInForce
{
    private static readonly string[] SecretWords = ["secret", "password", "key", "token", "connectionstring", "credential", "signing"];

    public static IReadOnlyList<(string Key, string Value)> Read(IConfiguration configuration) =>
        [.. configuration.GetSection("Godwit").AsEnumerable()
            .Where(pair => pair.Value is not null)
            .Select(pair => (pair.Key, Value: IsSecret(pair.Key) ? Mask(pair.Value!) : pair.Value!))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)];

    public static bool IsSecret(string key) => SecretWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static string Mask(string value) => value.Length == 0 ? "(empty)" : "•••••• (set)";
}
