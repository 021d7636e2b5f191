namespace Godwit.Cli.CommandLine;

/// <summary>
/// Which tokens a command did not declare are configuration, read the way ASP.NET Core's
/// command-line provider reads them (<c>--key value</c>, <c>--key=value</c>, <c>/key value</c>,
/// <c>key=value</c>), and which are mistakes. A key is configuration when it is a setting's path
/// (<c>Godwit:DataFolder</c>, <c>Logging:LogLevel:Default</c>) or one of the few settings the host
/// reads outside any section; anything else (<c>--dryrun</c>) would be taken as a setting nobody
/// reads, and the option it was meant to be silently ignored.
/// </summary>
internal static class ConfigurationArguments
{
    private static readonly HashSet<string> HostSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "urls", "http_ports", "https_ports", "environment", "applicationName", "contentRoot", "webroot",
        "AllowedHosts", "detailedErrors", "captureStartupErrors", "shutdownTimeoutSeconds", "suppressStatusMessages",
        "preferHostingUrls", "preventHostingStartup", "hostingStartupAssemblies", "hostingStartupExcludeAssemblies",
    };

    /// <summary>The tokens that are not configuration, in the order given.</summary>
    public static IReadOnlyList<string> Mistakes(IReadOnlyList<string> tokens)
    {
        var mistakes = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var prefix = token.StartsWith("--", StringComparison.Ordinal) ? 2 : token.StartsWith('/') ? 1 : 0;
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? token[prefix..] : token[prefix..equals];
            var valueFollows = prefix > 0 && equals < 0 && i + 1 < tokens.Count;
            var isSetting = (prefix > 0 || equals >= 0) && !token.StartsWith("---", StringComparison.Ordinal) && IsSettingKey(key);
            if (!isSetting)
            {
                mistakes.Add(token);
                // A misspelt option's value is not a second mistake; a token that looks like an option is.
                valueFollows = valueFollows && !tokens[i + 1].StartsWith('-');
            }

            if (valueFollows)
            {
                i++;
            }
        }

        return mistakes;
    }

    private static bool IsSettingKey(string key) =>
        HostSettings.Contains(key)
        || (key.Contains(':', StringComparison.Ordinal) && key.Split(':').All(part => part.Length > 0 && !part.Any(char.IsWhiteSpace)));
}
